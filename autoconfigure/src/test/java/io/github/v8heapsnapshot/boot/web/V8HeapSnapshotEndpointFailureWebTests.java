package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotAdmission;
import io.github.v8heapsnapshot.boot.snapshot.HotSpotHeapDumper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the statuses of the {@code v8heapsnapshot} endpoint when a snapshot cannot be
 * taken, over real HTTP. The free disk space and the presence of the
 * {@code HotSpotDiagnosticMXBean} are the seams that the tests turn.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(
		classes = { WebTestApplication.class, V8HeapSnapshotEndpointFailureWebTests.FailureConfiguration.class })
@ExtendWith(OutputCaptureExtension.class)
class V8HeapSnapshotEndpointFailureWebTests {

	private static final AtomicLong usableSpace = new AtomicLong();

	private static final AtomicBoolean diagnosticsAvailable = new AtomicBoolean();

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	private EndpointClient client;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> directory().toString());
	}

	private static Path directory() {
		return temp.resolve("snapshots");
	}

	@BeforeEach
	void reset() {
		this.client = new EndpointClient(this.port);
		usableSpace.set(-1);
		diagnosticsAvailable.set(true);
	}

	@AfterEach
	void removeDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(directory());
	}

	@Test
	void tooLittleFreeDiskSpaceIsInsufficientStorage() throws IOException {
		usableSpace.set(1024);
		HttpResponse<byte[]> take = this.client.take("");
		assertThat(take.statusCode()).isEqualTo(507);
		assertThat(EndpointClient.text(take)).startsWith("Not enough free disk space for a heap snapshot")
			.contains("1024 bytes free");
		HttpResponse<byte[]> store = this.client.store();
		assertThat(store.statusCode()).isEqualTo(507);
		assertThat(EndpointClient.json(store).get("message").asString())
			.startsWith("Not enough free disk space for a heap snapshot")
			.contains("1024 bytes free");
		assertThat(filesInDirectory()).isEmpty();
		assertThat(this.client.descriptors()).isEmpty();
	}

	@Test
	void missingHotSpotDiagnosticMXBeanIsServiceUnavailable() throws IOException {
		diagnosticsAvailable.set(false);
		HttpResponse<byte[]> response = this.client.take("");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(EndpointClient.text(response)).contains("HotSpotDiagnosticMXBean");
		assertThat(filesInDirectory()).isEmpty();
		assertThat(EndpointClient.names(this.client.list())).isEmpty();
		JsonNode failed = this.client.descriptors().get(0);
		assertThat(failed.get("state").asString()).isEqualTo("failed");
		assertThat(failed.get("failure").asString()).contains("HotSpotDiagnosticMXBean");
	}

	@Test
	void ioFailureIsInternalServerErrorWithTheCauseLogged(CapturedOutput output) throws IOException {
		Files.writeString(directory(), "a file where the storage directory should be");
		HttpResponse<byte[]> response = this.client.take("");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(EndpointClient.text(response))
			.isEqualTo("Heap snapshot failed; the cause is in the application log");
		assertThat(output).contains("Heap snapshot failed").contains("FileAlreadyExistsException");
		assertThat(directory()).isRegularFile();
	}

	private static Stream<String> filesInDirectory() throws IOException {
		if (!Files.exists(directory())) {
			return Stream.empty();
		}
		try (Stream<Path> files = Files.list(directory())) {
			return files.map((file) -> file.getFileName().toString()).toList().stream();
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailureConfiguration {

		@Bean
		HeapDumper heapDumper() {
			return new HotSpotHeapDumper(() -> diagnosticsAvailable.get()
					? ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class) : null);
		}

		@Bean
		HeapSnapshotAdmission heapSnapshotAdmission() {
			return new HeapSnapshotAdmission() {

				@Override
				protected long usableSpace(Path directory) throws IOException {
					long usable = usableSpace.get();
					return (usable >= 0) ? usable : super.usableSpace(directory);
				}

			};
		}

	}

}
