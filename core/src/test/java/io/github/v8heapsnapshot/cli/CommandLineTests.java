package io.github.v8heapsnapshot.cli;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.Redaction;
import io.github.v8heapsnapshot.layout.ObjectLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CommandLine}.
 *
 * @author v8heapsnapshot developers
 */
class CommandLineTests {

	@Test
	void defaultsToTheJdk17LayoutAndTheInputsName() throws UsageException {
		CommandLine commandLine = CommandLine.parse("dumps/app.hprof");
		assertThat(commandLine.input()).isEqualTo(Path.of("dumps/app.hprof"));
		assertThat(commandLine.output()).isEqualTo(Path.of("dumps/app.heapsnapshot"));
		assertThat(commandLine.options().layout()).isEqualTo(ObjectLayout.defaults(17));
		assertThat(commandLine.options().stringLimit()).isEqualTo(ConversionOptions.DEFAULT_STRING_LIMIT);
		assertThat(commandLine.options().redaction()).isEqualTo(Redaction.NONE);
		assertThat(commandLine.help()).isFalse();
		assertThat(commandLine.parentPid()).isEmpty();
		assertThat(commandLine.machineReadable()).isFalse();
	}

	@Test
	void readsEveryOption() throws UsageException {
		CommandLine commandLine = CommandLine.parse("--java-version", "25", "--no-compressed-oops",
				"--no-compressed-class-pointers", "--compact-object-headers", "--object-alignment", "16",
				"--string-limit", "80", "--temp-dir", "/var/tmp", "--redaction", "secrets", "--sensitive-names",
				"pin,iban", "--threads", "1", "--parent-pid", "4242", "--machine-readable", "in.bin", "out.heapsnapshot");
		ConversionOptions options = commandLine.options();
		assertThat(options.layout()).isEqualTo(new ObjectLayout(25, false, false, true, 16));
		assertThat(options.stringLimit()).isEqualTo(80);
		assertThat(options.tempDirectory()).isEqualTo(Path.of("/var/tmp"));
		assertThat(options.redaction()).isEqualTo(Redaction.SECRETS);
		assertThat(options.sensitiveNames()).extracting(Pattern::pattern).containsExactly("pin", "iban");
		assertThat(options.threads()).isEqualTo(1);
		assertThat(commandLine.output()).isEqualTo(Path.of("out.heapsnapshot"));
		assertThat(commandLine.parentPid()).hasValue(4242);
		assertThat(commandLine.machineReadable()).isTrue();
	}

	@Test
	void appendsTheExtensionToOtherNames() throws UsageException {
		assertThat(CommandLine.parse("heap.bin").output()).isEqualTo(Path.of("heap.bin.heapsnapshot"));
	}

	@Test
	void asksForHelp() throws UsageException {
		assertThat(CommandLine.parse("x.hprof", "--help").help()).isTrue();
		assertThat(CommandLine.HELP).contains("--java-version", "--compressed-oops", "--no-compressed-oops",
				"--compressed-class-pointers", "--compact-object-headers", "--object-alignment", "--string-limit",
				"--temp-dir", "--redaction", "--sensitive-names", "--threads", "--ids", "--parent-pid",
				"--machine-readable");
	}

	@Test
	void refusesWrongUsage() {
		assertRefused("No input file given");
		assertRefused("Unknown option --fast", "--fast", "x.hprof");
		assertRefused("Too many files: a b c", "a", "b", "c");
		assertRefused("--string-limit needs a value", "x.hprof", "--string-limit");
		assertRefused("--string-limit needs a whole number of at least 1, not 'many'", "--string-limit", "many",
				"x.hprof");
		assertRefused("--parent-pid needs a whole number of at least 1, not '-1'", "--parent-pid", "-1", "x.hprof");
		assertRefused("--redaction must be none, secrets or all-strings, not 'some'", "--redaction", "some", "x.hprof");
		assertRefused("--compact-object-headers needs --java-version 24 or later", "--compact-object-headers",
				"x.hprof");
		assertRefused("Object alignment must be a power of two from 8 to 256, was 12", "--object-alignment", "12",
				"x.hprof");
	}

	private static void assertRefused(String message, String... args) {
		assertThatExceptionOfType(UsageException.class).isThrownBy(() -> CommandLine.parse(args)).withMessage(message);
	}

}
