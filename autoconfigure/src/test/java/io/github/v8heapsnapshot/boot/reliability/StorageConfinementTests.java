package io.github.v8heapsnapshot.boot.reliability;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
 * Names from URLs never reach a file outside the storage directory, whatever their
 * encoding; symbolic links placed in the directory are never followed, listed, served or
 * deleted through; files and the directory are the owner's only.
 *
 * @author v8heapsnapshot developers
 */
@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=v8heapsnapshot",
				"management.endpoint.v8heapsnapshot.access=unrestricted",
				// Summaries run after each snapshot; these tests check the directory right away
				"v8heapsnapshot.summary.enabled=false" })
@DirtiesContext
class StorageConfinementTests {

	private static final String OUTSIDE_NAME = "Heap.20260101.000000.1.0.001.heapsnapshot";

	private static final String OUTSIDE_CONTENT = "outside the storage directory";

	@TempDir
	static Path directory;

	@LocalServerPort
	int port;

	private EndpointClient client;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> storage().toString());
	}

	private static Path storage() {
		return directory.resolve("snapshots");
	}

	@BeforeEach
	void placeFilesOutside() throws Exception {
		this.client = new EndpointClient(this.port);
		Files.writeString(directory.resolve(OUTSIDE_NAME), OUTSIDE_CONTENT);
		Files.writeString(directory.resolve(OUTSIDE_NAME + ".json"), "{\"name\":\"" + OUTSIDE_NAME + "\"}");
	}

	@AfterEach
	void emptyStorage() throws Exception {
		if (Files.isDirectory(storage())) {
			try (Stream<Path> files = Files.list(storage())) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
		}
	}

	@Test
	void encodedTraversalNeverLeavesTheDirectory() throws Exception {
		String outside = directory.resolve(OUTSIDE_NAME).toString();
		List<String> names = List.of("..%2F" + OUTSIDE_NAME, "%2e%2e%2f" + OUTSIDE_NAME, "%2E%2E/" + OUTSIDE_NAME,
				"..%5C" + OUTSIDE_NAME, "%252e%252e%252f" + OUTSIDE_NAME, "..%252f" + OUTSIDE_NAME,
				"..;/" + OUTSIDE_NAME, "snapshots%2F..%2F" + OUTSIDE_NAME, URLEncoder.encode(outside, StandardCharsets.UTF_8),
				outside.replace("/", "%5C"), "%2Fetc%2Fpasswd", "..%2F..%2F..%2Fetc%2Fpasswd", OUTSIDE_NAME + "%00.json",
				OUTSIDE_NAME + "%2F..%2F..%2F" + OUTSIDE_NAME, "%C0%AE%C0%AE%2F" + OUTSIDE_NAME, "~%2F" + OUTSIDE_NAME);
		for (String name : names) {
			HttpResponse<byte[]> download = this.client.download(name);
			assertThat(download.statusCode()).as("GET %s", name).isIn(400, 404);
			assertThat(EndpointClient.text(download)).as("GET %s", name).doesNotContain(OUTSIDE_CONTENT, "root:");
			assertThat(this.client.delete(name).statusCode()).as("DELETE %s", name).isIn(400, 404, 405);
		}
		assertThat(directory.resolve(OUTSIDE_NAME)).hasContent(OUTSIDE_CONTENT);
		assertThat(directory.resolve(OUTSIDE_NAME + ".json")).exists();
		assertThat(EndpointClient.names(this.client.list())).isEmpty();
	}

	@Test
	void symbolicLinksAreNeverFollowed() throws Exception {
		Files.createDirectories(storage());
		String linkedSnapshot = "Heap.20260101.000000.2.0.001.heapsnapshot";
		Files.createSymbolicLink(storage().resolve(linkedSnapshot), directory.resolve(OUTSIDE_NAME));
		Files.writeString(storage().resolve(linkedSnapshot + ".json"), "{\"name\":\"" + linkedSnapshot + "\"}");
		String linkedDescriptor = "Heap.20260101.000000.3.0.001.heapsnapshot";
		Files.writeString(storage().resolve(linkedDescriptor), OUTSIDE_CONTENT);
		Files.createSymbolicLink(storage().resolve(linkedDescriptor + ".json"),
				directory.resolve(OUTSIDE_NAME + ".json"));
		String linkedDirectory = "Heap.20260101.000000.4.0.001.heapsnapshot";
		Files.createSymbolicLink(storage().resolve(linkedDirectory), directory);
		for (String name : List.of(linkedSnapshot, linkedDescriptor, linkedDirectory)) {
			HttpResponse<byte[]> download = this.client.download(name);
			assertThat(download.statusCode()).as("GET %s", name).isEqualTo(404);
			assertThat(EndpointClient.text(download)).doesNotContain(OUTSIDE_CONTENT);
			assertThat(this.client.delete(name).statusCode()).as("DELETE %s", name).isEqualTo(404);
		}
		assertThat(EndpointClient.names(this.client.list())).isEmpty();
		assertThat(directory.resolve(OUTSIDE_NAME)).hasContent(OUTSIDE_CONTENT);
		assertThat(directory.resolve(OUTSIDE_NAME + ".json")).exists();
		assertThat(Files.isSymbolicLink(storage().resolve(linkedSnapshot))).isTrue();
		assertThat(Files.isSymbolicLink(storage().resolve(linkedDirectory))).isTrue();
	}

	@Test
	void descriptorsNamingAnotherFileAreNotListed() throws Exception {
		Files.createDirectories(storage());
		String name = "Heap.20260101.000000.5.0.001.heapsnapshot";
		Files.writeString(storage().resolve(name), OUTSIDE_CONTENT);
		Files.writeString(storage().resolve(name + ".json"), "{\"name\":\"../" + OUTSIDE_NAME
				+ "\",\"created\":\"2026-01-01T00:00:00Z\",\"trigger\":\"API\",\"live\":true}");
		HttpResponse<byte[]> listing = this.client.list();
		assertThat(EndpointClient.names(listing)).allMatch((listed) -> !listed.contains("/"), "no path");
	}

	@Test
	void filesAndDirectoryAreTheOwnersOnly() throws Exception {
		JsonNode stored = this.client.takeAndAwait();
		assertThat(stored.get("state").asString()).as(stored.toString()).isEqualTo("stored");
		String name = stored.get("name").asString();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage()))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage().resolve(name))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage().resolve(name + ".json"))))
			.isEqualTo("rw-------");
		assertThat(this.client.delete(name).statusCode()).isEqualTo(204);
	}

}
