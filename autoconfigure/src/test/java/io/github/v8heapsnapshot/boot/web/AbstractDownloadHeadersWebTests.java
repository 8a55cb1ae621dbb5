package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tests for the download headers on the web stack of an {@link EndpointWebTest}
 * subclass, over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
abstract class AbstractDownloadHeadersWebTests {

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
