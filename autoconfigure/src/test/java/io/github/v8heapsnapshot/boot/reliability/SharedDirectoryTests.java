package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Applications that share a storage directory, as replicas on one volume do, keep each
 * other's snapshots and work in progress; an application killed while a child JVM
 * converts leaves nothing listed, and its next start snapshots again.
 *
 * @author v8heapsnapshot developers
 */
class SharedDirectoryTests {

	private static final List<String> JVM = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1");

	@TempDir
	Path directory;

	@Test
	void applicationsSharingADirectoryKeepEachOthersSnapshots() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		try (ApplicationProcess first = ApplicationProcess.start(storage, this.directory.resolve("first.log"), JVM,
				"--v8heapsnapshot.conversion.mode=child-jvm", "--v8heapsnapshot.storage.max-count=2")) {
			EndpointClient firstClient = new EndpointClient(first.port());
			CompletableFuture<JsonNode> firstSnapshot = CompletableFuture.supplyAsync(firstClient::takeAndAwait);
			await().atMost(Duration.ofSeconds(60)).until(() -> hidden(storage).anyMatch((name) -> name.endsWith(".work")));
			// Starts, and cleans up, while the first one's snapshot is in progress
			try (ApplicationProcess second = ApplicationProcess.start(storage, this.directory.resolve("second.log"),
					JVM, "--v8heapsnapshot.storage.max-count=2")) {
				EndpointClient secondClient = new EndpointClient(second.port());
				JsonNode first1 = firstSnapshot.get();
				assertThat(first1.get("state").asString()).as(first1.toString()).isEqualTo("stored");
				JsonNode second1 = secondClient.takeAndAwait();
				assertThat(second1.get("state").asString()).as(second1.toString()).isEqualTo("stored");
				String firstName = first1.get("name").asString();
				String secondName = second1.get("name").asString();
				System.out.println("Replicas on one directory stored " + firstName + " and " + secondName);
				assertThat(firstName).isNotEqualTo(secondName);
				assertThat(EndpointClient.names(firstClient.list())).containsExactlyInAnyOrder(firstName, secondName);
				assertThat(EndpointClient.names(secondClient.list())).containsExactlyInAnyOrder(firstName, secondName);
				assertThat(second.output()).doesNotContain("Deleting left-over");
			}
		}
	}

	@Test
	void killDuringAChildConversionLeavesNothingListedAndTheNextSnapshotWorks() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		Path log = this.directory.resolve("app.log");
		try (ApplicationProcess application = ApplicationProcess.start(storage, log, JVM,
				"--v8heapsnapshot.conversion.mode=child-jvm")) {
			EndpointClient client = new EndpointClient(application.port());
			CompletableFuture.runAsync(client::store);
			ProcessHandle converter = await().atMost(Duration.ofSeconds(60))
				.until(() -> application.converter().orElse(null), (found) -> found != null);
			application.kill();
			assertThat(converter.isAlive()).isFalse();
		}
		try (ApplicationProcess application = ApplicationProcess.start(storage, log, JVM,
				"--v8heapsnapshot.conversion.mode=child-jvm")) {
			EndpointClient client = new EndpointClient(application.port());
			assertThat(EndpointClient.names(client.list())).isEmpty();
			assertThat(hidden(storage)).isEmpty();
			JsonNode stored = client.takeAndAwait();
			assertThat(stored.get("state").asString()).as(stored.toString()).isEqualTo("stored");
			assertThat(EndpointClient.names(client.list())).containsExactly(stored.get("name").asString());
		}
	}

	private static Stream<String> hidden(Path storage) throws IOException {
		if (!Files.isDirectory(storage)) {
			return Stream.empty();
		}
		try (Stream<Path> files = Files.list(storage)) {
			return files.map((file) -> file.getFileName().toString()).filter((name) -> name.startsWith(".")).toList()
				.stream();
		}
	}

}
