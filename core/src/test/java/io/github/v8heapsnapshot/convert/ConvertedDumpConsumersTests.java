package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import io.github.v8heapsnapshot.consumer.DevToolsView;
import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import io.github.v8heapsnapshot.consumer.MemlabView;
import io.github.v8heapsnapshot.consumer.MemlabView.ClassRow;
import io.github.v8heapsnapshot.consumer.MemlabView.PathStep;
import io.github.v8heapsnapshot.consumer.SnapshotConsumers;
import io.github.v8heapsnapshot.convert.FixtureConversions.Converted;
import io.github.v8heapsnapshot.testing.FixtureHeap;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads a converted real dump of the {@link FixtureHeap} (taken by the JDK running the
 * tests) in the real consumers, memlab and Chrome DevTools.
 *
 * @author v8heapsnapshot developers
 */
class ConvertedDumpConsumersTests {

	private static final String ITEM = FixtureHeap.class.getName() + "$Item";

	private static final String ITEM_LIST = FixtureHeap.class.getName() + "$ItemList";

	private static SnapshotConsumers consumers;

	private static Converted converted;

	@BeforeAll
	static void convert() throws IOException {
		consumers = SnapshotConsumers.installed();
		int feature = Runtime.version().feature();
		converted = FixtureConversions.of(FixtureConversions.JVMS.stream()
			.filter((jvm) -> jvm.feature() == feature && jvm.flags().length == 0)
			.findFirst()
			.orElse(FixtureConversions.JVMS.get(0)));
	}

	@Test
	void memlabSeesTheSameGraph() throws IOException {
		SnapshotModel snapshot = converted.snapshot();
		MemlabView view = consumers.memlab(converted.file(), ITEM);
		assertThat(view.nodeCount()).isEqualTo(snapshot.nodeCount());
		assertThat(view.edgeCount()).isEqualTo(snapshot.edgeCount());
		assertThat(view.totalShallowSize()).isEqualTo(snapshot.totalSelfSize());
		assertThat(view.rootRetainedSize()).isEqualTo(view.totalShallowSize());
		long itemSize = converted.dump().longValue("size.item");
		assertThat(view.classRow(ITEM)).get()
			.extracting(ClassRow::count, ClassRow::shallowSize)
			.containsExactly((long) FixtureHeap.ITEM_COUNT, FixtureHeap.ITEM_COUNT * itemSize);
		assertThat(view.classRow(ITEM_LIST)).get()
			.extracting(ClassRow::count, ClassRow::retainedSize)
			.containsExactly(1L, converted.dump().longValue("total.items"));
	}

	@Test
	void memlabFindsTheRetainerPathThroughTheHolderField() throws IOException {
		MemlabView view = consumers.memlab(converted.file(), ITEM);
		assertThat(view.path()).contains(new PathStep("items", "property", ITEM_LIST, "object"),
				new PathStep("items", "property", "java.util.ArrayList", "object"),
				new PathStep("elementData", "property", "java.lang.Object[]", "object"));
		assertThat(view.path()).last().extracting(PathStep::edgeType, PathStep::nodeName).containsExactly("element", ITEM);
	}

	@Test
	void devToolsShowsTheFixtureClasses() throws IOException {
		Path screenshot = Files.createDirectories(Path.of("target", "consumers")).resolve("fixture-devtools.png");
		DevToolsView view = consumers.devTools(converted.file(), screenshot, "FixtureHeap$Item");
		assertThat(view.row(ITEM)).get().extracting(SummaryRow::count).isEqualTo((long) FixtureHeap.ITEM_COUNT);
		assertThat(view.row(ITEM_LIST)).get().extracting(SummaryRow::count).isEqualTo(1L);
		SnapshotModel snapshot = converted.snapshot();
		assertThat(view.totalObjects())
			.isEqualTo(IntStream.range(0, snapshot.nodeCount()).filter((node) -> snapshot.selfSize(node) > 0).count());
		assertThat(screenshot).isNotEmptyFile();
	}

}
