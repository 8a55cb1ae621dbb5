package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.Redaction;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known secrets kept by a child JVM in a {@code password} field, a map entry
 * {@code api.token} and a property {@code datasource.password} are in the snapshot without
 * redaction and nowhere in it with redaction.
 *
 * @author v8heapsnapshot developers
 */
class ConverterRedactionTests {

	private static final String HOLDER = SmallHeapApplication.Holder.class.getName();

	@TempDir
	static Path directory;

	static Path hprof;

	static List<String> secrets;

	static String pin;

	static String harmless;

	private Attempts attempts;

	@BeforeAll
	static void dumpHeapWithSecrets() throws Exception {
		secrets = List.of("password-" + UUID.randomUUID(), "token-" + UUID.randomUUID(),
				"property-" + UUID.randomUUID());
		pin = "pin-" + UUID.randomUUID();
		harmless = "harmless-" + UUID.randomUUID();
		Path values = directory.resolve("values.txt");
		Files.write(values, List.of(secrets.get(0), secrets.get(1), secrets.get(2), pin, harmless));
		hprof = directory.resolve("secrets.hprof");
		ChildJvm.dumpSmallHeap(hprof, values);
		Files.delete(values);
		String text = text(hprof);
		assertThat(Stream.concat(secrets.stream(), Stream.of(pin, harmless))).allMatch(text::contains, "in the dump");
	}

	@BeforeEach
	void prepareAttempts() throws IOException {
		this.attempts = new Attempts(Files.createTempDirectory(directory, "attempts"));
	}

	@Test
	void noneKeepsEveryValue() throws IOException {
		Attempts.Outcome outcome = this.attempts.convert(hprof, redaction(Redaction.NONE));
		outcome.converted();
		String text = text(outcome.snapshot());
		secrets.forEach((secret) -> assertThat(text.contains(secret)).as("%s in the snapshot", secret).isTrue());
		assertThat(text.contains(pin) && text.contains(harmless)).as("harmless values in the snapshot").isTrue();
	}

	@Test
	void secretsMasksValuesWithSensitiveNames() throws IOException {
		Attempts.Outcome outcome = this.attempts.convert(hprof, redaction(Redaction.SECRETS));
		SnapshotModel snapshot = outcome.converted();
		String text = text(outcome.snapshot());
		secrets.forEach((secret) -> assertThat(text.contains(secret)).as("%s in the snapshot", secret).isFalse());
		assertThat(text.contains(pin) && text.contains(harmless)).as("harmless values in the snapshot").isTrue();
		int holder = snapshot.node("object", HOLDER);
		assertThat(snapshot.name(snapshot.follow(holder, "password"))).hasSameSizeAs(secrets.get(0));
	}

	@Test
	void secretsMasksValuesMatchingTheUsersPatterns() throws IOException {
		Attempts.Outcome outcome = this.attempts.convert(hprof,
				ConversionOptions.defaults().withRedaction(Redaction.SECRETS, List.of(Pattern.compile("(?i)pin"))));
		outcome.converted();
		String text = text(outcome.snapshot());
		secrets.forEach((secret) -> assertThat(text.contains(secret)).as("%s in the snapshot", secret).isFalse());
		assertThat(text.contains(pin)).as("pin in the snapshot").isFalse();
		assertThat(text.contains(harmless)).as("harmless value in the snapshot").isTrue();
	}

	@Test
	void allStringsKeepsLengthsAndEquality() throws IOException {
		Attempts.Outcome outcome = this.attempts.convert(hprof, redaction(Redaction.ALL_STRINGS));
		SnapshotModel snapshot = outcome.converted();
		String text = text(outcome.snapshot());
		secrets.forEach((secret) -> assertThat(text.contains(secret)).as("%s in the snapshot", secret).isFalse());
		assertThat(text.contains(pin) || text.contains(harmless)).as("harmless values in the snapshot").isFalse();
		int holder = snapshot.node("object", HOLDER);
		int first = snapshot.follow(holder, "first");
		int second = snapshot.follow(holder, "second");
		assertThat(first).isNotEqualTo(second);
		assertThat(snapshot.type(first)).isEqualTo("string");
		assertThat(snapshot.name(first)).isEqualTo(snapshot.name(second)).hasSameSizeAs(harmless);
		assertThat(snapshot.name(snapshot.follow(holder, "pin"))).hasSameSizeAs(pin)
			.isNotEqualTo(snapshot.name(first));
	}

	private static ConversionOptions redaction(Redaction redaction) {
		return ConversionOptions.defaults().withRedaction(redaction, List.of());
	}

	private static String text(Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
	}

}
