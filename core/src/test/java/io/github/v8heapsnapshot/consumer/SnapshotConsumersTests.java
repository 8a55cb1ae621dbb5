package io.github.v8heapsnapshot.consumer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import io.github.v8heapsnapshot.consumer.MemlabView.ClassRow;
import io.github.v8heapsnapshot.consumer.MemlabView.PathStep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link SnapshotConsumers} on a hand-written snapshot whose dominators and
 * retained sizes are known: an owner that alone keeps an array, one of two items and a
 * string, while the other item is also a JNI global.
 *
 * @author v8heapsnapshot developers
 */
class SnapshotConsumersTests {

	private static SnapshotConsumers consumers;

	@TempDir
	Path temp;

	@BeforeAll
	static void install() throws IOException {
		consumers = SnapshotConsumers.installed();
	}

	@Test
	void memlabComputesCountsRetainedSizesAndPaths() throws IOException {
		MemlabView view = consumers.memlab(ownerGraph(), "com.example.Item");
		assertThat(view.nodeCount()).isEqualTo(9);
		assertThat(view.edgeCount()).isEqualTo(10);
		assertThat(view.totalShallowSize()).isEqualTo(128);
		assertThat(view.rootRetainedSize()).isEqualTo(128);
		assertThat(view.classRow("com.example.Owner")).contains(new ClassRow("com.example.Owner", "object", 1, 32, 112));
		assertThat(view.classRow("com.example.Item")).contains(new ClassRow("com.example.Item", "object", 2, 32, 32));
		assertThat(view.classRow("(string)")).contains(new ClassRow("(string)", "string", 1, 40, 40));
		assertThat(view.path()).endsWith(new PathStep("main", "internal", "com.example.Owner", "object"),
				new PathStep("items", "property", "java.lang.Object[]", "object"),
				new PathStep("0", "element", "com.example.Item", "object"));
	}

	@Test
	void memlabReportsWhatItCouldNotLoad() throws IOException {
		Path truncated = this.temp.resolve("truncated.heapsnapshot");
		byte[] bytes = Files.readAllBytes(ownerGraph());
		Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> consumers.memlab(truncated, null))
			.withMessageStartingWith("memlab could not load " + truncated)
			.withMessageContaining("JSON");
	}

	@Test
	void devToolsShowsTheSummary() throws IOException {
		Path screenshot = Files.createDirectories(Path.of("target", "consumers")).resolve("owner-graph.png");
		Files.deleteIfExists(screenshot);
		DevToolsView view = consumers.devTools(ownerGraph(), screenshot, null);
		assertThat(view.totalObjects()).isEqualTo(5);
		assertThat(view.totalSize()).isEqualTo("128 B");
		assertThat(view.summary()).extracting(SummaryRow::constructor, SummaryRow::count)
			.containsExactlyInAnyOrder(tuple("com.example.Owner", 1L),
					tuple("com.example.Item", 2L),
					tuple("java.lang.Object[]", 1L),
					tuple("(string)", 1L));
		assertThat(screenshot).isNotEmptyFile();
	}

	@Test
	void devToolsFiltersTheSummaryByClass() throws IOException {
		DevToolsView view = consumers.devTools(ownerGraph(), this.temp.resolve("filtered.png"), "Item");
		assertThat(view.summary()).extracting(SummaryRow::constructor).containsExactly("com.example.Item");
		assertThat(view.row("com.example.Item")).get().extracting(SummaryRow::count).isEqualTo(2L);
	}

	@Test
	void devToolsReportsWhatItCouldNotLoad() throws IOException {
		Path truncated = this.temp.resolve("truncated.heapsnapshot");
		byte[] bytes = Files.readAllBytes(ownerGraph());
		Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> consumers.devTools(truncated, this.temp.resolve("truncated.png"), null))
			.withMessageStartingWith("Chrome DevTools could not load " + truncated)
			.withMessageContaining("Unexpected end of input");
	}

	private Path ownerGraph() throws IOException {
		Path file = this.temp.resolve("owner-graph.heapsnapshot");
		if (!Files.exists(file)) {
			try (InputStream in = SnapshotConsumersTests.class.getResourceAsStream("owner-graph.json")) {
				Files.copy(in, file);
			}
		}
		return file;
	}

}
