package io.github.v8heapsnapshot.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.consumer.DevToolsView;
import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import io.github.v8heapsnapshot.consumer.MemlabView;
import io.github.v8heapsnapshot.consumer.MemlabView.ClassRow;
import io.github.v8heapsnapshot.consumer.MemlabView.PathStep;
import io.github.v8heapsnapshot.consumer.SnapshotConsumers;
import io.github.v8heapsnapshot.testing.ApplicationProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests: the sample application's jar leaks sessions, its heap is downloaded from
 * {@code /actuator/v8heapsnapshot}, and the real consumers (memlab, Chrome DevTools) find the
 * leak in it.
 *
 * @author v8heapsnapshot developers
 */
class SampleApplicationIntegrationTests {

	private static final int SESSIONS = 200;

	private static final String SESSION_CLASS = LeakySession.class.getName();

	private static final String CACHE_CLASS = SessionCache.class.getName();

	private static final Pattern SNAPSHOT_NAME = Pattern
		.compile("Heap\\.\\d{8}\\.\\d{6}\\.(\\d+)\\.\\d+\\.\\d+\\.heapsnapshot");

	private static final Path workDirectory = Path.of(System.getProperty("v8heapsnapshot.sample.workDir"));

	private static long applicationPid;

	private static Path snapshot;

	@BeforeAll
	static void leakSessionsAndDownloadSnapshot() throws Exception {
		Path jar = Path.of(System.getProperty("v8heapsnapshot.sample.jar"));
		try (ApplicationProcess application = ApplicationProcess.start(jar, workDirectory.resolve("sample-app.log"),
				"--v8heapsnapshot.storage.directory=" + workDirectory.resolve("snapshots"))) {
			applicationPid = application.pid();
			for (int i = 0; i < SESSIONS; i++) {
				HttpResponse<String> opened = application.openSession("user-" + i, "e2e-client-" + (i % 4));
				assertThat(opened.statusCode()).as("POST /sessions answered %s", opened.body()).isEqualTo(200);
			}
			snapshot = application.download("/actuator/v8heapsnapshot", workDirectory.resolve("downloads"));
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
			.isEqualTo((long) SESSIONS);
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
			.isEqualTo((long) SESSIONS);
		assertThat(screenshot).isNotEmptyFile();
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
