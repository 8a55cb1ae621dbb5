package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.consumer.DevToolsView;
import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import io.github.v8heapsnapshot.consumer.MemlabView;
import io.github.v8heapsnapshot.consumer.SnapshotConsumers;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.summary.HeapSummary.ClassEntry;
import io.github.v8heapsnapshot.summary.HeapSummary.DuplicatedString;
import io.github.v8heapsnapshot.summary.HeapSummary.PathStep;
import io.github.v8heapsnapshot.summary.HeapSummary.Retainer;
import io.github.v8heapsnapshot.testing.FixtureDump;
import io.github.v8heapsnapshot.testing.FixtureHeap;
import io.github.v8heapsnapshot.testing.SnapshotModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Summaries of snapshots converted from real heap dumps, taken by a forked JVM.
 *
 * @author v8heapsnapshot developers
 */
class RealSnapshotSummaryTests {

	private static final String ITEM = FixtureHeap.class.getName() + "$Item";

	private static final String ITEM_LIST = FixtureHeap.class.getName() + "$ItemList";

	@TempDir
	static Path directory;

	private static FixtureDump dump;

	private static Path file;

	private static SnapshotModel model;

	private static HeapSummary summary;

	@BeforeAll
	static void convertAndSummarize() throws IOException {
		Path java = FixtureDump.java(Runtime.version().feature()).orElseThrow();
		dump = FixtureDump.take(java, directory.resolve("dump"));
		file = directory.resolve("fixture.heapsnapshot");
		new HeapSnapshotConverter(ConversionOptions.defaults().withLayout(dump.layout())).convert(dump.hprof(), file);
		model = SnapshotModel.read(file);
		summary = new HeapSnapshotSummarizer(SummaryOptions.defaults().withTempDirectory(directory)).summarize(file);
	}

	@Test
	void everyRetainedSizeMatchesAnIndependentDominatorComputation() throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
				ScratchSpace scratch = new ScratchSpace(directory)) {
			SnapshotReader reader = new SnapshotReader(channel);
			SnapshotGraph graph = new SnapshotGraph(reader.readHeader(), channel, scratch, new Cancellation());
			reader.readBody(graph);
			graph.prepare(scratch);
			DominatorTree tree = DominatorTree.compute(graph, scratch);
			assertThat(tree.count()).isEqualTo(model.nodeCount());
			int mismatches = 0;
			for (int number = 1; number <= tree.count(); number++) {
				int node = tree.node(number);
				int dominator = tree.dominator(number);
				if (tree.retainedSize(number) != model.retainedSize(node)
						|| (dominator == 0 ? -1 : tree.node(dominator)) != model.dominator(node)) {
					mismatches++;
				}
			}
			assertThat(mismatches).isZero();
		}
	}

	@Test
	void totalsAreThoseOfTheFile() {
		assertThat(summary.state()).isEqualTo(HeapSummary.READY);
		assertThat(summary.totals().nodes()).isEqualTo(model.nodeCount());
		assertThat(summary.totals().edges()).isEqualTo(model.edgeCount());
		assertThat(summary.totals().shallowBytes()).isEqualTo(model.totalSelfSize());
		assertThat(summary.classes().stream().mapToLong(ClassEntry::shallowBytes).sum())
			.isEqualTo(model.totalSelfSize());
	}

	@Test
	void anExclusivelyOwnedStructureRetainsWhatJolMeasures() {
		assertThat(summary.classes()).filteredOn((entry) -> entry.name().equals(ITEM_LIST))
			.singleElement()
			.extracting(ClassEntry::count, ClassEntry::retainedBytes)
			.containsExactly(1L, dump.longValue("total.items"));
		assertThat(summary.classes()).filteredOn((entry) -> entry.name().equals(ITEM))
			.singleElement()
			.extracting(ClassEntry::count, ClassEntry::shallowBytes)
			.containsExactly((long) FixtureHeap.ITEM_COUNT, FixtureHeap.ITEM_COUNT * dump.longValue("size.item"));
	}

	@Test
	void theItemListIsReportedWithItsPathFromTheGcRoots() {
		Retainer list = summary.retainers()
			.stream()
			.filter((retainer) -> retainer.name().equals(ITEM_LIST))
			.findFirst()
			.orElseThrow();
		assertThat(list.id()).isEqualTo(model.id(model.node("object", ITEM_LIST)));
		assertThat(list.retainedBytes()).isEqualTo(dump.longValue("total.items"));
		assertThat(list.path()).first().isEqualTo(new PathStep("(GC roots)", null));
		assertThat(list.path()).last().isEqualTo(new PathStep(ITEM_LIST, "items"));
		assertThat(list.path()).contains(new PathStep("class " + FixtureHeap.class.getName(), "appClass"));
	}

	@Test
	void duplicatedStringsAreCountedOverTheStringNodes() {
		assertThat(summary.duplicatedStrings()).hasSize(20).allSatisfy((duplicated) -> {
			List<Integer> nodes = model.nodes("string", duplicated.value());
			assertThat(duplicated.count()).isEqualTo(nodes.size());
			assertThat(duplicated.wastedBytes() + duplicated.size())
				.isEqualTo(nodes.stream().mapToLong(model::selfSize).sum());
		});
		assertThat(summary.duplicatedStrings()).isSortedAccordingTo(
				Comparator.comparingLong(DuplicatedString::wastedBytes).reversed());
	}

	@Test
	void memlabComputesTheSameRetainedSizesPerClass() throws IOException {
		MemlabView view = SnapshotConsumers.installed().memlab(file, null);
		assertThat(view.rootRetainedSize()).isEqualTo(summary.totals().shallowBytes());
		List<ClassEntry> top = summary.classes().subList(0, 20);
		assertThat(top).extracting(ClassEntry::name, ClassEntry::count, ClassEntry::shallowBytes,
				ClassEntry::retainedBytes)
			.containsExactlyElementsOf(top.stream()
				.map((entry) -> view.classRow(entry.name()).orElseThrow())
				.map((row) -> tuple(row.name(), row.count(), row.shallowSize(), row.retainedSize()))
				.toList());
	}

	@Test
	void devToolsShowsTheSameRetainedSizesPerClass() throws IOException {
		Path screenshot = Files.createDirectories(Path.of("target", "consumers")).resolve("summary-devtools.png");
		DevToolsView view = SnapshotConsumers.installed().devTools(file, screenshot, null);
		// DevTools sorts by retained size too, and prints sizes in kB
		List<SummaryRow> rows = view.summary().subList(0, 20);
		assertThat(summary.classes().subList(0, 20)).extracting(ClassEntry::name, ClassEntry::count,
				(entry) -> kilobytes(entry.retainedBytes()))
			.containsExactlyElementsOf(rows.stream()
				.map((row) -> tuple(row.constructor(), row.count(), row.retainedSize()))
				.toList());
	}

	private static String kilobytes(long bytes) {
		double kilobytes = bytes / 1000.0;
		return (kilobytes < 100) ? String.format(Locale.ROOT, "%.1f kB", kilobytes)
				: String.format(Locale.ROOT, "%,d kB", Math.round(kilobytes));
	}

	@Test
	void scratchFilesAreGone() throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map((path) -> path.getFileName().toString())).noneMatch((name) -> name.startsWith("v8heapsnapshot-summary"));
		}
	}

}
