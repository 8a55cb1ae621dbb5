package io.github.v8heapsnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the module descriptor that the core jar carries: it exports the API and
 * nothing else.
 *
 * @author v8heapsnapshot developers
 */
class ModuleApiTests {

	private static final String BASE = "io.github.v8heapsnapshot.";

	private final Path classes = classes();

	@Test
	void exportsTheApiPackagesOnly() throws IOException {
		ModuleDescriptor descriptor = descriptor();
		assertThat(descriptor.name()).isEqualTo("io.github.v8heapsnapshot.core");
		assertThat(descriptor.exports()).allMatch((exports) -> !exports.isQualified());
		assertThat(descriptor.exports().stream().map(Exports::source)).containsExactlyInAnyOrder(BASE + "cancel", BASE + "cli",
				BASE + "convert", BASE + "layout", BASE + "summary");
		assertThat(descriptor.opens()).isEmpty();
	}

	@Test
	void exportedPackagesHoldTheApiTypesOnly() throws IOException {
		Set<String> exported = descriptor().exports()
			.stream()
			.map(Exports::source)
			.collect(Collectors.toSet());
		assertThat(publicTypes(exported)).containsExactly("cancel.Cancellation", "cancel.CancelledException",
				"cli.HeapSnapshotCommand", "cli.ObjectIdStatisticsLine",
				"convert.ConversionListener", "convert.ConversionOptions",
				"convert.ConversionPhase", "convert.ConversionResult", "convert.HeapSnapshotConverter",
				"convert.ObjectIdStatistics", "convert.Redaction", "layout.ObjectLayout",
				"summary.HeapSnapshotSummarizer", "summary.HeapSummary", "summary.HeapSummary$ClassEntry",
				"summary.HeapSummary$DuplicatedString", "summary.HeapSummary$PathStep",
				"summary.HeapSummary$Retainer", "summary.HeapSummary$Totals", "summary.HeapSummary$TypeTotal",
				"summary.SnapshotFormatException", "summary.SummaryOptions");
	}

	private ModuleDescriptor descriptor() throws IOException {
		try (InputStream in = Files.newInputStream(this.classes.resolve("module-info.class"))) {
			return ModuleDescriptor.read(in);
		}
	}

	private Set<String> publicTypes(Set<String> packages) throws IOException {
		Set<String> types = new TreeSet<>();
		try (Stream<Path> files = Files.walk(this.classes)) {
			List<String> names = files.map((file) -> this.classes.relativize(file).toString())
				.filter((name) -> name.endsWith(".class") && !name.equals("module-info.class"))
				.map((name) -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
				.toList();
			for (String name : names) {
				Class<?> type = load(name);
				if (packages.contains(type.getPackageName()) && isPublic(type)) {
					types.add(name.substring(BASE.length()));
				}
			}
		}
		return types;
	}

	private static boolean isPublic(Class<?> type) {
		for (Class<?> enclosing = type; enclosing != null; enclosing = enclosing.getEnclosingClass()) {
			if (!Modifier.isPublic(enclosing.getModifiers()) || enclosing.isAnonymousClass()) {
				return false;
			}
		}
		return true;
	}

	private static Class<?> load(String name) {
		try {
			return Class.forName(name, false, ModuleApiTests.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path classes() {
		try {
			return Path.of(HeapSnapshotConverter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
