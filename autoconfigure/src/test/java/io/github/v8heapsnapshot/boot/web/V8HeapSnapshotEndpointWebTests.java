package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotObjectIds;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code v8heapsnapshot} endpoint over real HTTP, with real heap dumps of
 * the test JVM converted by the engine.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = "v8heapsnapshot.storage.max-count=2")
class V8HeapSnapshotEndpointWebTests {

	private static final String HEAP_SNAPSHOT_NAME = "Heap\\.\\d{8}\\.\\d{6}\\.\\d+\\.\\d+\\.\\d{3,}\\.heapsnapshot";

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	private EndpointClient client;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> directory().toString());
	}

	private static Path directory() {
		return temp.resolve("snapshots");
	}

	@BeforeEach
	void createClient() {
		this.client = new EndpointClient(this.port);
	}

	@Test
	void getTakesStoresAndSendsASnapshotAsAnAttachment() throws IOException {
		HttpResponse<byte[]> response = this.client.take("");
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
		assertThat(disposition).matches("attachment; filename=\"" + HEAP_SNAPSHOT_NAME + "\"");
		String name = disposition.substring(disposition.indexOf('"') + 1, disposition.length() - 1);
		assertThat(response.body()).isEqualTo(Files.readAllBytes(directory().resolve(name)));
		JsonNode descriptor = descriptor(name);
		assertThat(descriptor.get("trigger").asString()).isEqualTo("endpoint");
		assertThat(descriptor.get("live").asBoolean()).isTrue();
		SnapshotShape shape = SnapshotShape.read(response.body());
		assertThat(shape.nodeCount()).isEqualTo(descriptor.get("nodeCount").asLong()).isPositive();
		assertThat(shape.edgeCount()).isEqualTo(descriptor.get("edgeCount").asLong()).isPositive();
		assertThat(shape.nodeValues()).isEqualTo(shape.nodeCount() * shape.nodeFieldCount());
		assertThat(shape.edgeValues()).isEqualTo(shape.edgeCount() * shape.edgeFieldCount());
		assertThat(descriptor.get("snapshotBytes").asLong()).isEqualTo(response.body().length);
		assertNoFilesInProgress();
	}

	@Test
	void getWithLiveFalseDumpsAllObjects() {
		HttpResponse<byte[]> response = this.client.take("?live=false");
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
		String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
		String name = disposition.substring(disposition.indexOf('"') + 1, disposition.length() - 1);
		assertThat(descriptor(name).get("live").asBoolean()).isFalse();
	}

	@Test
	void postAnswersAtOnceAndTheSnapshotIsStoredInTheBackground() {
		HttpResponse<byte[]> response = this.client.store();
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(202);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/vnd.spring-boot.actuator.v3+json");
		JsonNode accepted = EndpointClient.json(response);
		String name = accepted.get("name").asString();
		assertThat(name).matches(HEAP_SNAPSHOT_NAME);
		assertThat(accepted.get("state").asString()).isEqualTo("in-progress");
		assertThat(accepted.get("trigger").asString()).isEqualTo("endpoint");
		assertThat(accepted.get("live").asBoolean()).isTrue();
		assertThat(accepted.get("created").asString()).isNotEmpty();
		assertThat(accepted.get("progress").get("phase").asString()).isIn("dump", "index", "link", "write");
		assertThat(accepted.has("hprofBytes")).isFalse();
		JsonNode descriptor = this.client.await(name);
		assertThat(descriptor.get("state").asString()).isEqualTo("stored");
		assertThat(descriptor.has("progress")).isFalse();
		assertThat(descriptor.get("created")).isEqualTo(accepted.get("created"));
		assertThat(descriptor.get("hprofBytes").asLong()).isPositive();
		assertThat(descriptor.get("snapshotBytes").asLong()).isEqualTo(directory().resolve(name).toFile().length());
		assertThat(descriptor.get("nodeCount").asLong()).isPositive();
		assertThat(descriptor.get("edgeCount").asLong()).isPositive();
		assertThat(descriptor.get("dumpMillis").asLong()).isNotNegative();
		assertThat(descriptor.get("convertMillis").asLong()).isNotNegative();
		assertThat(descriptor(name)).isEqualTo(descriptor);
	}

	@Test
	void postWithLiveFalseDumpsAllObjects() {
		HttpResponse<byte[]> response = this.client.send(this.client.request(EndpointClient.PATH)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"live\":false}")));
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(202);
		assertThat(EndpointClient.json(response).get("live").asBoolean()).isFalse();
		JsonNode descriptor = this.client.await(EndpointClient.json(response).get("name").asString());
		assertThat(descriptor.get("live").asBoolean()).isFalse();
	}

	@Test
	void listsStoredSnapshotsNewestFirst() {
		String older = this.client.takeAndAwait().get("name").asString();
		String newer = this.client.takeAndAwait().get("name").asString();
		List<String> names = this.client.descriptors().stream().map((node) -> node.get("name").asString()).toList();
		assertThat(names).containsExactly(newer, older);
	}

	@Test
	void retentionKeepsTheNewestSnapshots() throws IOException {
		String first = this.client.takeAndAwait().get("name").asString();
		String second = this.client.takeAndAwait().get("name").asString();
		String third = this.client.takeAndAwait().get("name").asString();
		List<String> names = this.client.descriptors().stream().map((node) -> node.get("name").asString()).toList();
		assertThat(names).containsExactly(third, second);
		assertThat(directory().resolve(first)).doesNotExist();
		assertThat(filesInDirectory()).filteredOn((file) -> !file.contains(".summary.") && !file.endsWith(".scratch"))
			.containsExactlyInAnyOrder(third, third + ".json", second, second + ".json");
	}

	@Test
	void downloadsAStoredSnapshotAsAnAttachment() throws IOException {
		String name = this.client.takeAndAwait().get("name").asString();
		HttpResponse<byte[]> response = this.client.download(name);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + name + "\"");
		assertThat(response.body()).isEqualTo(Files.readAllBytes(directory().resolve(name)));
	}

	@Test
	void resumesADownloadWithARangeRequest() throws IOException {
		String name = this.client.takeAndAwait().get("name").asString();
		byte[] stored = Files.readAllBytes(directory().resolve(name));
		HttpResponse<byte[]> response = this.client.download(name, "bytes=1000-");
		assertThat(response.statusCode()).isEqualTo(206);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + name + "\"");
		assertThat(response.body()).isEqualTo(Arrays.copyOfRange(stored, 1000, stored.length));
	}

	@Test
	void summarizesStoredSnapshotsAndComparesThem() throws InterruptedException {
		String base = this.client.takeAndAwait().get("name").asString();
		String name = this.client.takeAndAwait().get("name").asString();
		JsonNode summary = awaitSummary(name);
		assertThat(summary.get("state").asString()).isEqualTo("ready");
		assertThat(summary.get("totals").get("nodes").asLong()).isEqualTo(descriptor(name).get("nodeCount").asLong());
		assertThat(summary.get("classes").size()).isPositive();
		assertThat(summary.get("retainers").get(0).get("path").size()).isPositive();
		assertThat(descriptor(name).get("summary").asString()).isEqualTo("ready");
		awaitSummary(base);
		long start = System.nanoTime();
		HttpResponse<byte[]> diff = this.client.get(EndpointClient.PATH + "/" + name + "/diff/" + base);
		System.out.printf("Diff of %s answered in %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
		assertThat(diff.statusCode()).as(EndpointClient.text(diff)).isEqualTo(200);
		JsonNode classes = EndpointClient.json(diff).get("classes");
		assertThat(classes.size()).isPositive();
		assertThat(classes.get(0).get("shallowBytesDelta").asLong())
			.isGreaterThanOrEqualTo(classes.get(classes.size() - 1).get("shallowBytesDelta").asLong());
		String unknown = "Heap.20000101.000000.1.0.001.heapsnapshot";
		assertThat(this.client.get(EndpointClient.PATH + "/" + unknown + "/summary").statusCode()).isEqualTo(404);
		assertThat(this.client.get(EndpointClient.PATH + "/" + name + "/diff/" + unknown).statusCode())
			.isEqualTo(404);
		assertThat(this.client.get(EndpointClient.PATH + "/" + name + "/other").statusCode()).isEqualTo(404);
	}

	@Test
	void deletesAStoredSnapshot() {
		String name = this.client.takeAndAwait().get("name").asString();
		assertThat(this.client.delete(name).statusCode()).isEqualTo(204);
		assertThat(directory().resolve(name)).doesNotExist();
		assertThat(directory().resolve(name + ".json")).doesNotExist();
		assertThat(this.client.download(name).statusCode()).isEqualTo(404);
		assertThat(this.client.delete(name).statusCode()).isEqualTo(404);
	}

	@Test
	void unknownNameIsNotFound() {
		assertThat(this.client.download("Heap.20000101.000000.1.0.001.heapsnapshot").statusCode()).isEqualTo(404);
		assertThat(this.client.delete("Heap.20000101.000000.1.0.001.heapsnapshot").statusCode()).isEqualTo(404);
	}

	@Test
	void namesThatAreNotSnapshotNamesNeverReachAFile() throws IOException {
		String name = "Heap.20000101.000000.1.0.001.heapsnapshot";
		Files.writeString(temp.resolve(name), "outside");
		Files.writeString(temp.resolve(name + ".json"), "{}");
		Files.writeString(temp.resolve("secret.txt"), "outside");
		List<String> attempts = List.of("..%2F" + name, "%2E%2E%2F" + name, "..%252F" + name, "..%5C" + name,
				"%2e%2e%2fsecret.txt", "..%2F..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "%252Fetc%252Fpasswd",
				"..;%2F" + name, name + "%00.json", ".." + "%c0%af" + name, "%2E" + name);
		for (String attempt : attempts) {
			HttpResponse<byte[]> download = this.client.download(attempt);
			assertThat(download.statusCode()).as(attempt).isIn(400, 404);
			assertThat(EndpointClient.text(download)).as(attempt).doesNotContain("outside").doesNotContain("root:");
			assertThat(this.client.delete(attempt).statusCode()).as(attempt).isIn(400, 404, 405);
		}
		assertThat(temp.resolve(name)).hasContent("outside");
		assertThat(temp.resolve("secret.txt")).hasContent("outside");
	}

	@Test
	void concurrentRequestsTakeOneSnapshotAndTurnTheOthersAway() throws Exception {
		int requests = 4;
		int storedBefore = this.client.descriptors().size();
		double rejectedBefore = this.meterRegistry.get("v8heapsnapshot.rejected")
			.tag("trigger", "endpoint")
			.counter()
			.count();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(requests);
		try {
			List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				responses.add(executor.submit(() -> {
					start.await();
					return this.client.take("");
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<byte[]>> response : responses) {
				statuses.add(response.get().statusCode());
			}
			assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 429);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.meterRegistry.get("v8heapsnapshot.rejected").tag("trigger", "endpoint").counter().count())
			.isEqualTo(rejectedBefore + requests - 1);
		assertThat(this.client.descriptors()).hasSize(Math.min(storedBefore + 1, 2));
		assertNoFilesInProgress();
	}

	@Test
	void recordsMetersOfEachSnapshot() {
		long dumpsBefore = timerCount("dump");
		long conversionsBefore = timerCount("convert");
		JsonNode descriptor = this.client.takeAndAwait();
		assertThat(timerCount("dump")).isEqualTo(dumpsBefore + 1);
		assertThat(timerCount("convert")).isEqualTo(conversionsBefore + 1);
		assertThat(this.meterRegistry.get("v8heapsnapshot.size").tag("format", "heapsnapshot").summary().max())
			.isPositive();
		assertThat(this.meterRegistry.get("v8heapsnapshot.size").tag("format", "hprof").summary().count())
			.isPositive();
		assertThat(this.meterRegistry.get("v8heapsnapshot.stored.count").gauge().value())
			.isEqualTo(this.client.descriptors().size());
		assertThat(this.meterRegistry.get("v8heapsnapshot.stored.size").gauge().value())
			.isGreaterThan(descriptor.get("snapshotBytes").asLong());
		assertThat(this.meterRegistry.get("v8heapsnapshot.active").longTaskTimer().activeTasks()).isZero();
	}

	private JsonNode awaitSummary(String name) throws InterruptedException {
		HttpResponse<byte[]> response = this.client.get(EndpointClient.PATH + "/" + name + "/summary");
		while (response.statusCode() == 202) {
			assertThat(EndpointClient.json(response).get("state").asString()).isEqualTo("pending");
			Thread.sleep(200);
			response = this.client.get(EndpointClient.PATH + "/" + name + "/summary");
		}
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
		return EndpointClient.json(response);
	}

	private long timerCount(String phase) {
		return this.meterRegistry.find("v8heapsnapshot.duration")
			.tags("phase", phase, "trigger", "endpoint", "outcome", "success")
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	private JsonNode descriptor(String name) {
		return this.client.descriptors()
			.stream()
			.filter((node) -> node.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " is not listed"));
	}

	private void assertNoFilesInProgress() throws IOException {
		// Summaries are computed in the background once the snapshot is stored
		assertThat(filesInDirectory()).noneMatch((file) -> file.startsWith(".") && !file.endsWith(".scratch")
				&& !file.endsWith(".summary.json"));
	}

	// Without the object id table of this process and its lock, which stays beside its snapshots
	private static List<String> filesInDirectory() throws IOException {
		String objectIds = new HeapSnapshotObjectIds(directory()).file().getFileName().toString();
		try (Stream<Path> files = Files.list(directory())) {
			return files.map((file) -> file.getFileName().toString()).filter((name) -> !name.startsWith(objectIds)).toList();
		}
	}

}
