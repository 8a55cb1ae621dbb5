package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests for the download headers on WebFlux, over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = "spring.main.web-application-type=reactive")
class DownloadHeadersWebFluxWebTests {

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> temp.resolve("snapshots").toString());
	}

	@Test
	void storedAndTakenSnapshotsCarryTheirHeaders() throws IOException {
		DownloadHeaders headers = new DownloadHeaders(new EndpointClient(this.port), temp.resolve("snapshots"));
		headers.checkStoredSnapshot();
		headers.checkTakenSnapshot();
	}

}
