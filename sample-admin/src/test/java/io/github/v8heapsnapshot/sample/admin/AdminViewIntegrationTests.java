package io.github.v8heapsnapshot.sample.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.consumer.AdminView;
import io.github.v8heapsnapshot.consumer.AdminView.SnapshotRow;
import io.github.v8heapsnapshot.consumer.DevToolsView;
import io.github.v8heapsnapshot.consumer.DevToolsView.SummaryRow;
import io.github.v8heapsnapshot.consumer.SnapshotConsumers;
import io.github.v8heapsnapshot.testing.ApplicationProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end test of the "Heap snapshots" view: the sample Spring Boot Admin server and the
 * sample application registered with it run as real processes; the sample leaks sessions;
 * headless Chromium drives the view through SBA's UI and proxy; the downloaded file is loaded
 * in Chrome DevTools.
 *
 * @author v8heapsnapshot developers
 */
class AdminViewIntegrationTests {

	private static final int SESSIONS = 200;

	private static final String SESSION_CLASS = "io.github.v8heapsnapshot.sample.LeakySession";

	private static final String SAMPLE_NAME = "v8heapsnapshot-sample";

	private static final Pattern SNAPSHOT_NAME = Pattern
		.compile("Heap\\.\\d{8}\\.\\d{6}\\.\\d+\\.\\d+\\.\\d+\\.heapsnapshot");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Path workDirectory = Path.of(System.getProperty("v8heapsnapshot.admin.workDir"));

	@Test
	void operatorTakesSummarizesComparesDownloadsAndDeletesASnapshotOfTheLeakingSample(@TempDir Path snapshots)
			throws Exception {
		Path adminJar = Path.of(System.getProperty("v8heapsnapshot.admin.jar"));
		Path sampleJar = Path.of(System.getProperty("v8heapsnapshot.sample.jar"));
		try (ApplicationProcess admin = ApplicationProcess.start(adminJar, this.workDirectory.resolve("admin.log"));
				ApplicationProcess sample = ApplicationProcess.start(sampleJar,
						this.workDirectory.resolve("sample-app.log"), "--spring.profiles.active=admin",
						"--spring.boot.admin.client.url=" + admin.uri(""),
						"--v8heapsnapshot.storage.directory=" + snapshots)) {
			String instanceId = awaitRegistration(admin);
			String baseline = takeSnapshot(sample);
			for (int i = 0; i < SESSIONS; i++) {
				HttpResponse<String> opened = send(sample, "POST", "/sessions?user=user-" + i);
				assertThat(opened.statusCode()).as("POST /sessions answered %s", opened.body()).isEqualTo(200);
			}
			AdminView view = SnapshotConsumers.installed()
				.adminView(admin.uri("/"), instanceId, this.workDirectory.resolve("browser"), SESSION_CLASS);
			System.out.printf("Spring Boot Admin view (%s), seconds per step %s: new row %s, progress %s, "
					+ "summary %s, filtered by %s %s, diff %s%n", view.browser(), view.seconds(), view.snapshot(),
					view.progress(), view.summary(), SESSION_CLASS, view.filtered(), view.diff());

			assertThat(view.before()).extracting(SnapshotRow::name).containsExactly(baseline);
			SnapshotRow row = view.snapshot();
			assertThat(row).isNotNull();
			assertThat(row.name()).matches(SNAPSHOT_NAME);
			// compare, name, created, trigger, live, sizes, nodes, times, actions
			assertThat(row.cells().subList(3, 5)).containsExactly("endpoint", "yes");
			assertThat(row.cells().get(5)).matches("[\\d.]+ MB → [\\d.]+ MB");
			assertThat(row.cells().get(6)).matches("[\\d,]{7,}");
			assertThat(view.progress()).as("the progress bar while the snapshot was taken").isNotEmpty();
			assertThat(view.progress()).allSatisfy((progress) -> assertThat(progress.percent()).isBetween(0, 100));

			assertThat(AdminView.row(view.filtered(), SESSION_CLASS)).as("the summary's classes %s", view.filtered())
				.hasValueSatisfying((cells) -> assertThat(cells.get(1)).isEqualTo("200"));
			assertThat(view.summary().get("retainers")).isNotEmpty();
			assertThat(AdminView.row(view.diff(), SESSION_CLASS)).as("the diff %s", view.diff())
				.hasValueSatisfying((cells) -> assertThat(cells.subList(2, 4)).containsExactly("200", "+200"));

			Path download = Path.of(view.download());
			assertThat(download.getFileName()).hasToString(row.name());
			DevToolsView devTools = SnapshotConsumers.installed()
				.devTools(download, this.workDirectory.resolve("devtools-summary.png"), SESSION_CLASS);
			assertThat(devTools.row(SESSION_CLASS)).as("Chrome DevTools' Summary rows %s", devTools.summary())
				.get()
				.extracting(SummaryRow::count)
				.isEqualTo((long) SESSIONS);

			assertThat(view.deleted()).isTrue();
			assertThat(listedNames(sample)).containsExactly(baseline);
			for (String screenshot : view.screenshots()) {
				assertThat(Path.of(screenshot)).isNotEmptyFile();
			}
			if (Boolean.getBoolean("v8heapsnapshot.updateDocs")) {
				copyToDocs(view.screenshots());
			}
		}
	}

	private static String awaitRegistration(ApplicationProcess admin) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (JsonNode instance : json.readTree(send(admin, "GET", "/instances").body())) {
				boolean exposed = instance.path("endpoints")
					.valueStream()
					.anyMatch((endpoint) -> endpoint.path("id").asString().equals("v8heapsnapshot"));
				if (instance.path("registration").path("name").asString().equals(SAMPLE_NAME) && exposed) {
					return instance.path("id").asString();
				}
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The sample did not register with the admin server within " + TIMEOUT + ":\n"
				+ admin.logTail());
	}

	private static String takeSnapshot(ApplicationProcess sample) throws IOException, InterruptedException {
		HttpResponse<String> taken = send(sample, "POST", "/actuator/v8heapsnapshot");
		assertThat(taken.statusCode()).as("POST /actuator/v8heapsnapshot answered %s", taken.body()).isEqualTo(202);
		String name = json.readTree(taken.body()).path("name").asString();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		// Until its summary is ready, so that the view's snapshot and comparison do not wait for it
		while (System.nanoTime() < deadline) {
			JsonNode descriptor = json.readTree(send(sample, "GET", "/actuator/v8heapsnapshot/" + name).body());
			String state = descriptor.path("state").asString();
			if (!state.equals("in-progress") && !descriptor.path("summary").asString().equals("pending")) {
				assertThat(state).as("the state of %s", name).isEqualTo("stored");
				return name;
			}
			Thread.sleep(250);
		}
		throw new AssertionError(name + " was not stored and summarized within " + TIMEOUT);
	}

	private static List<String> listedNames(ApplicationProcess sample) throws IOException, InterruptedException {
		return json.readTree(send(sample, "GET", "/actuator/v8heapsnapshot").body())
			.path("snapshots")
			.valueStream()
			.map((snapshot) -> snapshot.path("name").asString())
			.toList();
	}

	private static HttpResponse<String> send(ApplicationProcess application, String method, String path)
			throws IOException, InterruptedException {
		URI uri = application.uri(path);
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Accept", "application/json")
			.timeout(TIMEOUT)
			.method(method, BodyPublishers.noBody())
			.build();
		return http.send(request, BodyHandlers.ofString());
	}

	private static void copyToDocs(List<String> screenshots) throws IOException {
		Path images = Files.createDirectories(Path.of(System.getProperty("v8heapsnapshot.docs.images")));
		for (String screenshot : screenshots) {
			Path file = Path.of(screenshot);
			Files.copy(file, images.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
