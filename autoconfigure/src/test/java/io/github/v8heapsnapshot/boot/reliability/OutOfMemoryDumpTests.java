package io.github.v8heapsnapshot.boot.reliability;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.v8heapsnapshot.boot.oom.OutOfMemoryProcess;
import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM that dies of an {@link OutOfMemoryError} with
 * {@code -XX:+HeapDumpOnOutOfMemoryError} has its dump listed as a snapshot at the next
 * start of an application pointed at it; a dump cut short is removed, never listed.
 *
 * @author v8heapsnapshot developers
 */
class OutOfMemoryDumpTests {

	@TempDir
	Path directory;

	@Test
	void dumpOfAnOutOfMemoryDeathIsListedAtTheNextStart() throws Exception {
		Path dumps = Files.createDirectory(this.directory.resolve("dumps"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		assertThat(OutOfMemoryProcess.run(java, dumps.toString())).as("exit status of the OOM death").isEqualTo(3);
		Instant died = Instant.now();
		Path dump;
		try (var files = Files.list(dumps)) {
			dump = files.findFirst().orElseThrow();
		}
		Instant dumped = Files.getLastModifiedTime(dump).toInstant();
		Path cut = Files.copy(dump, dumps.resolve("java_pid1.hprof"));
		try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
			channel.truncate(channel.size() / 3);
		}
		Files.setLastModifiedTime(cut, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
		try (ApplicationProcess application = ApplicationProcess.start(this.directory.resolve("snapshots"),
				this.directory.resolve("app.log"), List.of(), "--v8heapsnapshot.oom.heap-dump-path=" + dumps)) {
			EndpointClient client = new EndpointClient(application.port());
			// Listed in progress first, as every snapshot converting in the background is
			JsonNode snapshot = await().atMost(Duration.ofSeconds(90))
				.until(client::descriptors, (found) -> !found.isEmpty() && found.get(0).has("nodeCount"))
				.get(0);
			Duration listed = Duration.between(died, Instant.now());
			System.out.printf("OOM death to snapshot listed: %d ms (start of the application included): %s%n",
					listed.toMillis(), snapshot);
			assertThat(snapshot.get("trigger").asString()).isEqualTo("oom");
			assertThat(Instant.parse(snapshot.get("created").asString())).isEqualTo(dumped);
			assertThat(snapshot.get("hprofBytes").asLong()).isPositive();
			assertThat(snapshot.get("nodeCount").asLong()).isPositive();
			assertThat(client.descriptors()).hasSize(1);
			assertThat(dumps).isEmptyDirectory();
			assertThat(application.output()).contains("cut short");
		}
	}

}
