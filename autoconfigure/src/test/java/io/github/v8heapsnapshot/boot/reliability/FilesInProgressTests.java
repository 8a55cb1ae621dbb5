package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a storage directory that others may read (one the user made, which the service does
 * not change), every file and directory a snapshot creates there, from the moment it
 * appears, is its owner's only: the dump, the engine's work directory, the snapshot and its
 * descriptor.
 *
 * @author v8heapsnapshot developers
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=v8heapsnapshot",
				"management.endpoint.v8heapsnapshot.access=unrestricted" })
@DirtiesContext
class FilesInProgressTests {

	@TempDir
	static Path storage;

	@LocalServerPort
	int port;

	@BeforeAll
	static void readableByOthers() throws IOException {
		Files.setPosixFilePermissions(storage, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> storage.toString());
	}

	@Test
	void everyFileIsTheOwnersOnlyWhileItIsWritten() throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		Map<String, String> seen = new TreeMap<>();
		try {
			Future<JsonNode> request = executor.submit(new EndpointClient(this.port)::takeAndAwait);
			while (!request.isDone()) {
				record(storage, seen);
			}
			assertThat(request.get().get("state").asString()).isEqualTo("stored");
			record(storage, seen);
		}
		finally {
			executor.shutdownNow();
		}
		System.out.println("Files seen while snapshotting: " + seen);
		assertThat(seen).isNotEmpty();
		assertThat(seen).allSatisfy((name, permissions) -> assertThat(permissions).as(name).matches("rw[x-]------"));
	}

	private static void record(Path directory, Map<String, String> seen) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				try {
					Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
					String name = file.getFileName().toString().replaceAll("\\d+", "#");
					seen.merge(name, PosixFilePermissions.toString(permissions), FilesInProgressTests::laxer);
				}
				catch (NoSuchFileException ex) {
					// Moved or deleted meanwhile
				}
			}
		}
	}

	private static String laxer(String first, String second) {
		return (first.substring(3).equals("------")) ? second : first;
	}

}
