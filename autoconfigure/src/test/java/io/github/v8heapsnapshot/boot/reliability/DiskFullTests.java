package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotObjectIds;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotPhase;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage directory is on a {@code tmpfs} that the tests shrink to full at a chosen
 * moment: before the snapshot (the service refuses it), once the dump has started, once
 * the conversion has started. Each request fails cleanly with 507 or 500 and a message, no
 * file is left or listed, and the next request, with space again, succeeds.
 *
 * @author v8heapsnapshot developers
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=v8heapsnapshot",
				"management.endpoint.v8heapsnapshot.access=unrestricted",
				// Summaries run after each snapshot; these tests check the directory right away
				"v8heapsnapshot.summary.enabled=false" })
@Import(DiskFullTests.InjectorConfiguration.class)
@DirtiesContext
class DiskFullTests {

	private static final long ROOMY = 64L * 1024 * 1024 * 1024;

	static Tmpfs tmpfs;

	@LocalServerPort
	int port;

	@Autowired
	DiskFullInjector injector;

	@BeforeAll
	static void mountTmpfs() throws Exception {
		Assumptions.assumeTrue(Tmpfs.canMount(), "Mounting a tmpfs to fill it needs root: disk-full tests skipped");
		tmpfs = Tmpfs.mount(ROOMY / (1024 * 1024));
	}

	@AfterAll
	static void unmountTmpfs() throws Exception {
		if (tmpfs != null) {
			tmpfs.unmount();
		}
	}

	@DynamicPropertySource
	static void storageOnTmpfs(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> tmpfs.directory().resolve("snapshots").toString());
	}

	@AfterEach
	void makeRoom() throws Exception {
		this.injector.fullWhen(null);
		tmpfs.resize(ROOMY);
	}

	@Test
	void tooLittleSpaceBeforeTheSnapshotIsRefused() throws Exception {
		tmpfs.leaveFree(16 * 1024 * 1024);
		assertFailedCleanly(new EndpointClient(this.port).take(), 507);
		assertServesAgain();
	}

	@Test
	void diskFullWhileDumping() throws Exception {
		this.injector.fullWhen(SnapshotPhase.DUMP);
		assertFailedCleanly(new EndpointClient(this.port).take(), 500, 507);
		assertServesAgain();
	}

	@Test
	void diskFullWhileConvertingInTheBackground() throws Exception {
		this.injector.fullWhen(SnapshotPhase.CONVERT);
		JsonNode descriptor = new EndpointClient(this.port).takeAndAwait();
		String failure = descriptor.path("failure").asString();
		System.out.println("Disk full (" + this.injector.lastFault() + "): " + descriptor);
		assertThat(files()).isEmpty();
		assertThat(EndpointClient.names(new EndpointClient(this.port).list())).isEmpty();
		assertThat(descriptor.get("state").asString()).isEqualTo("failed");
		assertThat(failure).containsIgnoringCase("space").doesNotContain("\tat ");
		assertServesAgain();
	}

	private void assertFailedCleanly(HttpResponse<byte[]> response, Integer... statuses) throws Exception {
		String message = EndpointClient.text(response);
		System.out.println("Disk full (" + this.injector.lastFault() + "): " + response.statusCode() + " " + message);
		assertThat(files()).isEmpty();
		assertThat(EndpointClient.names(new EndpointClient(this.port).list())).isEmpty();
		assertThat(response.statusCode()).as(message).isIn((Object[]) statuses);
		assertThat(message).containsIgnoringCase("space");
	}

	private void assertServesAgain() throws Exception {
		this.injector.fullWhen(null);
		tmpfs.resize(ROOMY);
		EndpointClient client = new EndpointClient(this.port);
		JsonNode descriptor = client.takeAndAwait();
		assertThat(descriptor.get("state").asString()).as(descriptor.toString()).isEqualTo("stored");
		String name = descriptor.get("name").asString();
		assertThat(EndpointClient.names(client.list())).containsExactly(name);
		assertThat(client.delete(name).statusCode()).isEqualTo(204);
		assertThat(files()).isEmpty();
	}

	// Without the object id table of this process and its lock, emptied with its last snapshot but kept
	private static List<String> files() throws IOException {
		Path storage = tmpfs.directory().resolve("snapshots");
		if (!Files.isDirectory(storage)) {
			return List.of();
		}
		String objectIds = new HeapSnapshotObjectIds(storage).file().getFileName().toString();
		try (Stream<Path> files = Files.list(storage)) {
			return files.map((file) -> file.getFileName().toString()).filter((name) -> !name.startsWith(objectIds)).toList();
		}
	}

	/**
	 * Fills the disk when a phase of the next snapshot starts: the dump starts right after
	 * {@code started}, the conversion right after the dump phase ends.
	 */
	static class DiskFullInjector implements HeapSnapshotListener {

		private volatile SnapshotPhase phase;

		private volatile String lastFault = "none";

		void fullWhen(SnapshotPhase phase) {
			this.phase = phase;
		}

		String lastFault() {
			return this.lastFault;
		}

		@Override
		public void started(SnapshotTrigger trigger) {
			if (this.phase == SnapshotPhase.DUMP) {
				fill("full before the dump wrote a byte");
			}
		}

		@Override
		public void phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, Duration duration, boolean success) {
			if (phase == SnapshotPhase.DUMP && success && this.phase == SnapshotPhase.CONVERT) {
				fill("full after a dump of " + duration.toMillis() + " ms");
			}
		}

		private void fill(String fault) {
			try {
				tmpfs.leaveFree(64 * 1024);
				this.lastFault = fault;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InjectorConfiguration {

		@Bean
		DiskFullInjector diskFullInjector() {
			return new DiskFullInjector();
		}

	}

}
