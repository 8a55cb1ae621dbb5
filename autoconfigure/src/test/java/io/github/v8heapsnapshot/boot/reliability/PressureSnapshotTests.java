package io.github.v8heapsnapshot.boot.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application that leaks until its heap is under pressure gets one snapshot of the
 * episode, converted out of its way, whose descriptor says what triggered it.
 *
 * @author v8heapsnapshot developers
 */
class PressureSnapshotTests {

	@TempDir
	Path directory;

	@Test
	void leakingApplicationIsSnapshotOncePerEpisode() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		try (ApplicationProcess application = ApplicationProcess.start(storage, this.directory.resolve("app.log"),
				List.of("-Xmx160m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1"), "--reliability.leak-share=0.6",
				"--v8heapsnapshot.pressure.enabled=true", "--v8heapsnapshot.pressure.threshold=0.7",
				"--v8heapsnapshot.pressure.window=1s", "--v8heapsnapshot.pressure.consecutive-gcs=3")) {
			EndpointClient client = new EndpointClient(application.port());
			JsonNode snapshot = await().atMost(Duration.ofSeconds(120))
				.until(() -> storedPressureSnapshot(client), (found) -> found != null);
			System.out.println("Snapshot under pressure: " + snapshot);
			JsonNode pressure = snapshot.get("pressure");
			assertThat(pressure.get("occupancy").asDouble()).isBetween(0.7, 1.0);
			assertThat(pressure.get("collector").asString()).startsWith("G1");
			assertThat(pressure.get("cause").asString()).isNotBlank();
			assertThat(snapshot.get("live").asBoolean()).isTrue();
			assertThat(snapshot.get("nodeCount").asLong()).isPositive();
			// The heap stays full: the same episode, and the cool-down, allow no second one
			Thread.sleep(5000);
			assertThat(pressureSnapshots(client)).hasSize(1);
			assertThat(application.isAlive()).isTrue();
			assertThat(application.output()).contains("Memory pressure:")
				.contains("taken under memory pressure")
				.doesNotContain("OutOfMemoryError");
		}
	}

	private static @Nullable JsonNode storedPressureSnapshot(EndpointClient client) {
		return pressureSnapshots(client).stream()
			.filter((descriptor) -> descriptor.has("nodeCount"))
			.findFirst()
			.orElse(null);
	}

	private static List<JsonNode> pressureSnapshots(EndpointClient client) {
		return client.descriptors()
			.stream()
			.filter((descriptor) -> descriptor.get("trigger").asString().equals("pressure"))
			.toList();
	}

}
