package io.github.v8heapsnapshot.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.consumer.DevToolsComparison;
import io.github.v8heapsnapshot.consumer.DevToolsComparison.ComparisonRow;
import io.github.v8heapsnapshot.consumer.DevToolsComparison.Pair;
import io.github.v8heapsnapshot.consumer.DevToolsView;
import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import io.github.v8heapsnapshot.consumer.MemlabLeaks;
import io.github.v8heapsnapshot.consumer.MemlabLeaks.Leak;
import io.github.v8heapsnapshot.consumer.MemlabLeaks.Step;
import io.github.v8heapsnapshot.consumer.MemlabView;
import io.github.v8heapsnapshot.consumer.MemlabView.ClassRow;
import io.github.v8heapsnapshot.consumer.MemlabView.PathStep;
import io.github.v8heapsnapshot.consumer.SnapshotConsumers;
import io.github.v8heapsnapshot.testing.ApplicationProcess;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests: the sample application's jar leaks sessions, three snapshots of its heap
 * are downloaded from {@code /actuator/v8heapsnapshot} (a baseline, one after the leak and
 * one right after that), and the real consumers (memlab, Chrome DevTools) find the leak in
 * them, in one snapshot and by comparing them.
 *
 * @author v8heapsnapshot developers
 */
class SampleApplicationIntegrationTests {

	/**
	 * Sessions opened before the baseline, which also warms up the request handling.
	 */
	private static final int EARLY_SESSIONS = 1;

	/**
	 * Sessions leaked between the baseline and the target snapshot.
	 */
	private static final int SESSIONS = 200;

	private static final String SAMPLE_PACKAGE = SampleApplication.class.getPackageName();

	private static final String SESSION_CLASS = LeakySession.class.getName();

	private static final String CACHE_CLASS = SessionCache.class.getName();

	private static final Pattern SNAPSHOT_NAME = Pattern
		.compile("Heap\\.\\d{8}\\.\\d{6}\\.(\\d+)\\.\\d+\\.\\d+\\.heapsnapshot");

	private static final Path workDirectory = Path.of(System.getProperty("v8heapsnapshot.sample.workDir"));

	private static long applicationPid;

	private static Path baseline;

	private static Path snapshot;

	private static Path last;

	@BeforeAll
	static void leakSessionsAndDownloadSnapshots() throws Exception {
		Path jar = Path.of(System.getProperty("v8heapsnapshot.sample.jar"));
		Path downloads = workDirectory.resolve("downloads");
		// Without the background summaries: their work churns about 4% of the heap's
		// objects between two snapshots, which the Comparison rightly shows as new
		try (ApplicationProcess application = ApplicationProcess.start(
				Path.of(System.getProperty("java.home"), "bin", "java"), List.of(), jar,
				workDirectory.resolve("sample-app.log"),
				"--v8heapsnapshot.storage.directory=" + workDirectory.resolve("snapshots"),
				"--v8heapsnapshot.summary.enabled=false")) {
			applicationPid = application.pid();
			openSessions(application, "early-user-", EARLY_SESSIONS);
			// The first snapshot loads the converter into the JVM, which the baseline then has
			application.download("/actuator/v8heapsnapshot", downloads);
			baseline = application.download("/actuator/v8heapsnapshot", downloads);
			openSessions(application, "user-", SESSIONS);
			snapshot = application.download("/actuator/v8heapsnapshot", downloads);
			last = application.download("/actuator/v8heapsnapshot", downloads);
		}
	}

	@Test
	void snapshotIsSavedUnderItsGeneratedName() {
		Matcher name = SNAPSHOT_NAME.matcher(snapshot.getFileName().toString());
		assertThat(name.matches()).as("saved as %s", snapshot.getFileName()).isTrue();
		assertThat(Long.parseLong(name.group(1))).isEqualTo(applicationPid);
		assertThat(snapshot.getFileName().toString()).endsWith(".heapsnapshot");
		assertThat(snapshot).isNotEmptyFile();
	}

	@Test
	void memlabFindsEverySessionAndTheCacheFieldThatRetainsThem() throws IOException {
		MemlabView memlab = SnapshotConsumers.installed().memlab(snapshot, SESSION_CLASS);
		System.out.printf("memlab loaded %s in %.1f s: %d nodes, %d edges, %s%n", snapshot.getFileName(),
				memlab.seconds(), memlab.nodeCount(), memlab.edgeCount(), memlab.classRow(SESSION_CLASS));
		assertThat(memlab.classRow(SESSION_CLASS)).as("memlab's row of %s", SESSION_CLASS)
			.get()
			.extracting(ClassRow::count)
			.isEqualTo((long) EARLY_SESSIONS + SESSIONS);
		List<PathStep> path = memlab.path();
		assertThat(path).as("memlab's retainer path of a %s", SESSION_CLASS).isNotNull().isNotEmpty();
		assertThat(path.get(0).nodeType()).as("memlab's retainer path %s starts at a GC root category", path)
			.isEqualTo("synthetic");
		assertThat(path.get(path.size() - 1).nodeName()).as("memlab's retainer path %s", path)
			.isEqualTo(SESSION_CLASS);
		assertThat(stepAfter(path, CACHE_CLASS).edgeName()).as("memlab's retainer path %s", path)
			.isEqualTo("sessions");
	}

	@Test
	void devToolsSummaryShowsEverySession() throws IOException {
		Path screenshot = workDirectory.resolve("devtools-summary.png");
		DevToolsView devTools = SnapshotConsumers.installed()
			.devTools(snapshot, screenshot, SampleApplication.class.getPackageName());
		System.out.printf("Chrome DevTools (%s) loaded %s in %.1f s: %d objects (%s), %s%n", devTools.browser(),
				snapshot.getFileName(), devTools.seconds(), devTools.totalObjects(), devTools.totalSize(),
				devTools.summary());
		assertThat(devTools.row(SESSION_CLASS)).as("Chrome DevTools' Summary rows %s", devTools.summary())
			.get()
			.extracting(SummaryRow::count)
			.isEqualTo((long) EARLY_SESSIONS + SESSIONS);
		assertThat(screenshot).isNotEmptyFile();
		updateDocs(screenshot);
	}

	@Test
	void devToolsComparisonShowsTheLeakedSessionsAsNewAndLittleElse() throws IOException {
		Path screenshot = workDirectory.resolve("devtools-comparison.png");
		DevToolsComparison devTools = SnapshotConsumers.installed()
			.devToolsComparison(List.of(baseline, snapshot, last), screenshot, SAMPLE_PACKAGE);
		Pair leak = devTools.comparisons().get(0);
		Pair backToBack = devTools.comparisons().get(1);
		System.out.printf("Chrome DevTools' Comparison: %s new of %d objects after the leak, %s new of %d back to back%n",
				leak.totals(), leak.targetObjects(), backToBack.totals(), backToBack.targetObjects());
		assertThat(leak.comparisonRow(SESSION_CLASS)).as("Comparison rows %s", leak.filteredComparison())
			.contains(new ComparisonRow(SESSION_CLASS, SESSIONS, 0));
		assertThat(leak.comparisonRow(CACHE_CLASS)).as("Comparison rows %s", leak.filteredComparison()).isEmpty();
		assertThat(leak.totals().totalNew()).as("objects new in %s", leak.totals())
			.isLessThanOrEqualTo(leak.targetObjects() * 3 / 100);
		assertThat(leak.allocatedBetweenRow(SESSION_CLASS))
			.as("allocated between: %s", leak.filteredAllocatedBetween())
			.get()
			.extracting(SummaryRow::count)
			.isEqualTo((long) SESSIONS);
		assertThat(backToBack.filteredComparison()).as("Comparison rows of the sample's classes, back to back")
			.isEmpty();
		assertThat(backToBack.totals().totalNew()).as("objects new in %s", backToBack.totals())
			.isLessThanOrEqualTo(backToBack.targetObjects() / 100);
		updateDocs(screenshot);
	}

	@Test
	void memlabFindsTheLeakThroughTheCacheAndNoStartUpState() throws IOException {
		MemlabLeaks memlab = SnapshotConsumers.installed().memlabFindLeaks(baseline, snapshot, last, 10_000);
		System.out.printf("memlab find-leaks reported %d leaks in %.1f s: %s%n", memlab.leaks().size(),
				memlab.seconds(), memlab.leaks());
		assertThat(memlab.leaks()).as("memlab's leaks").isNotEmpty();
		List<Step> largest = memlab.leaks().get(0).steps();
		Step sessions = largest.stream()
			.filter((step) -> "sessions".equals(step.edgeName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sessions field in memlab's largest leak " + largest));
		assertThat(largest.get(largest.indexOf(sessions) - 1).nodeName()).as("memlab's largest leak %s", largest)
			.isEqualTo(CACHE_CLASS);
		// What leaked hangs in the cache's map: its grown table, its entries or the sessions
		assertThat(largest.indexOf(memlab.leaks().get(0).firstLeaked())).as("memlab's largest leak %s", largest)
			.isGreaterThan(largest.indexOf(sessions));
		// Start-up state whose ids changed would show up as leaked classes that the baseline had
		SnapshotModel before = SnapshotModel.read(baseline);
		Set<String> classes = new HashSet<>();
		for (int node = 0; node < before.nodeCount(); node++) {
			if (before.type(node).equals("object shape")) {
				classes.add(before.name(node));
			}
		}
		assertThat(memlab.leaks()).extracting(Leak::firstLeaked)
			.allSatisfy((leaked) -> assertThat(leaked.nodeName()).isNotIn(classes));
	}

	private static void openSessions(ApplicationProcess application, String userPrefix, int count)
			throws IOException, InterruptedException {
		for (int i = 0; i < count; i++) {
			HttpResponse<String> opened = application.openSession(userPrefix + i, "e2e-client-" + (i % 4));
			assertThat(opened.statusCode()).as("POST /sessions answered %s", opened.body()).isEqualTo(200);
		}
	}

	private static void updateDocs(Path screenshot) throws IOException {
		if (Boolean.getBoolean("v8heapsnapshot.updateDocs")) {
			Path images = Files.createDirectories(Path.of(System.getProperty("v8heapsnapshot.docs.images")));
			Files.copy(screenshot, images.resolve(screenshot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static PathStep stepAfter(List<PathStep> path, String nodeName) {
		for (int i = 0; i < path.size() - 1; i++) {
			if (path.get(i).nodeName().equals(nodeName)) {
				return path.get(i + 1);
			}
		}
		throw new AssertionError("no " + nodeName + " on the path");
	}

}
