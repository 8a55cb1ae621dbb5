package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotNames;
import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many callers take, store, list, download and delete snapshots for a bounded time while
 * the schedule takes one every second: one snapshot at a time, listings that match the
 * files, no server errors, no files left in progress.
 *
 * @author v8heapsnapshot developers
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=v8heapsnapshot",
				"management.endpoint.v8heapsnapshot.access=unrestricted", "v8heapsnapshot.schedule.enabled=true",
				"v8heapsnapshot.schedule.interval=1s", "v8heapsnapshot.storage.max-count=1000",
				"v8heapsnapshot.summary.enabled=false",
				// Quick conversions keep the lock changing hands, which is what this test is about
				"v8heapsnapshot.conversion.mode=in-process" })
@Import(ConcurrentCallersTests.ProbeConfiguration.class)
@DirtiesContext
class ConcurrentCallersTests {

	private static final Duration LOAD = Duration.ofSeconds(Long.getLong("v8heapsnapshot.load.seconds", 20));

	private static final int CALLERS = 6;

	@TempDir
	static Path storage;

	@LocalServerPort
	int port;

	@Autowired
	SnapshotProbe probe;

	private final Set<String> deleteRequested = ConcurrentHashMap.newKeySet();

	private final List<String> listedNames = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private final List<JsonNode> descriptors = Collections.synchronizedList(new ArrayList<>());

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> storage.toString());
	}

	@Test
	void manyCallersAndTheScheduleTogether() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(CALLERS);
		long start = System.nanoTime();
		long deadline = start + LOAD.toNanos();
		List<Future<?>> callers = new ArrayList<>();
		for (int i = 0; i < CALLERS; i++) {
			Random random = new Random(i);
			callers.add(executor.submit(() -> {
				EndpointClient client = new EndpointClient(this.port);
				while (System.nanoTime() < deadline) {
					call(client, random);
				}
				return null;
			}));
		}
		for (Future<?> caller : callers) {
			caller.get();
		}
		executor.shutdown();
		Duration held = Duration.ofNanos(System.nanoTime() - start);
		// Hidden files but the object id table of the application and its lock, which stay
		List<String> leftInProgress = filesWhenIdle().stream()
			.filter((name) -> name.startsWith(".") && !name.startsWith(".object-ids."))
			.toList();
		int requests = this.outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
		System.out.printf("Concurrent load: %d callers + schedule every 1s for %d s: %d requests %s; %d snapshots "
				+ "started (%d scheduled, %d scheduled skipped as busy), at most %d at a time; %d names listed%n",
				CALLERS, held.toSeconds(), requests, new TreeMap<>(this.outcomes), this.probe.started(),
				this.probe.scheduled(), this.probe.scheduledSkipped(), this.probe.mostActive(),
				this.listedNames.stream().distinct().count());
		assertThat(this.failures).isEmpty();
		assertThat(this.probe.mostActive()).isEqualTo(1);
		assertThat(this.probe.scheduled() + this.probe.scheduledSkipped()).as("scheduled attempts").isPositive();
		assertThat(leftInProgress).isEmpty();
		assertNoOverlap();
	}

	private void call(EndpointClient client, Random random) {
		int choice = random.nextInt(100);
		if (choice < 15) {
			HttpResponse<byte[]> response = client.take();
			record("GET snapshot", response, 200, 429);
			if (response.statusCode() == 200 && response.body().length < 1000) {
				this.failures.add("GET snapshot answered " + response.body().length + " bytes");
			}
		}
		else if (choice < 30) {
			record("POST", client.store(), 202, 429);
		}
		else if (choice < 65) {
			HttpResponse<byte[]> response = client.list();
			record("GET list", response, 200);
			if (response.statusCode() == 200) {
				checkListing(response);
			}
		}
		else if (choice < 82) {
			String name = someListedName(random);
			record("GET name", client.download(name), 200, 404);
		}
		else {
			String name = someListedName(random);
			this.deleteRequested.add(name);
			record("DELETE", client.delete(name), 204, 404);
		}
	}

	private void checkListing(HttpResponse<byte[]> response) {
		for (JsonNode descriptor : EndpointClient.descriptors(response)) {
			if (!"stored".equals(descriptor.get("state").asString())) {
				continue;
			}
			String name = descriptor.get("name").asString();
			this.descriptors.add(descriptor);
			this.listedNames.add(name);
			if (!HeapSnapshotNames.isValid(name)) {
				this.failures.add("Listed a name that is not a snapshot name: " + name);
			}
			else if (!Files.isRegularFile(storage.resolve(name)) && !this.deleteRequested.contains(name)) {
				this.failures.add("Listed " + name + " but there is no such file and nobody deleted it");
			}
		}
	}

	private String someListedName(Random random) {
		synchronized (this.listedNames) {
			if (this.listedNames.isEmpty()) {
				return HeapSnapshotNames.next(LocalDateTime.now());
			}
			return this.listedNames.get(random.nextInt(this.listedNames.size()));
		}
	}

	private void record(String request, HttpResponse<byte[]> response, int... expected) {
		int status = response.statusCode();
		this.outcomes.computeIfAbsent(request + " " + status, (key) -> new AtomicInteger()).incrementAndGet();
		for (int allowed : expected) {
			if (status == allowed) {
				return;
			}
		}
		this.failures.add(request + " answered " + status + ": " + EndpointClient.text(response));
	}

	/**
	 * Lists the directory at a moment no snapshot is in progress: the schedule keeps
	 * going, so list again until none started or ended meanwhile.
	 */
	private List<String> filesWhenIdle() throws Exception {
		for (int attempt = 0; attempt < 200; attempt++) {
			int started = this.probe.started();
			if (this.probe.active() == 0) {
				List<String> names;
				try (Stream<Path> files = Files.list(storage)) {
					names = files.map((file) -> file.getFileName().toString()).toList();
				}
				if (this.probe.active() == 0 && this.probe.started() == started) {
					return names;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The service never became idle");
	}

	/**
	 * Each snapshot holds the lock from its creation time for its dump and conversion;
	 * these intervals, from every descriptor seen, must not overlap.
	 */
	private void assertNoOverlap() {
		TreeMap<Instant, Instant> intervals = new TreeMap<>();
		Map<String, JsonNode> byName = new TreeMap<>();
		this.descriptors.forEach((descriptor) -> byName.put(descriptor.get("name").asString(), descriptor));
		for (JsonNode descriptor : byName.values()) {
			JsonNode createdNode = descriptor.get("created");
			Instant created = createdNode.isNumber()
					? Instant.ofEpochMilli((long) (createdNode.asDouble() * 1000)) : Instant.parse(createdNode.asString());
			intervals.put(created, created.plusMillis(
					descriptor.get("dumpMillis").asLong() + descriptor.get("convertMillis").asLong()));
		}
		Instant previousEnd = Instant.MIN;
		for (Map.Entry<Instant, Instant> interval : intervals.entrySet()) {
			assertThat(interval.getKey()).as("start of a snapshot").isAfterOrEqualTo(previousEnd);
			previousEnd = interval.getValue();
		}
		assertThat(intervals).hasSizeGreaterThan(1);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ProbeConfiguration {

		@Bean
		SnapshotProbe snapshotProbe() {
			return new SnapshotProbe();
		}

	}

}
