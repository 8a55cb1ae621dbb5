package io.github.v8heapsnapshot.boot.web;

import java.nio.file.Path;
import java.util.List;

import io.github.v8heapsnapshot.boot.reliability.ApplicationProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for the download headers on Jersey, over real HTTP: the application runs in a
 * child JVM without Spring MVC on its class path, so that the actuator is served by
 * Jersey.
 *
 * @author v8heapsnapshot developers
 */
class DownloadHeadersJerseyTests {

	@TempDir
	Path directory;

	@Test
	void storedAndTakenSnapshotsCarryTheirHeaders() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		try (ApplicationProcess application = ApplicationProcess.start(storage,
				this.directory.resolve("application.log"), List.of(), DownloadHeadersJerseyTests::withoutSpringMvc)) {
			DownloadHeaders headers = new DownloadHeaders(new EndpointClient(application.port()), storage);
			headers.checkStoredSnapshot();
			headers.checkTakenSnapshot();
		}
	}

	private static boolean withoutSpringMvc(String classPathEntry) {
		String file = Path.of(classPathEntry).getFileName().toString();
		return !file.startsWith("spring-webmvc-") && !file.startsWith("spring-boot-webmvc-")
				&& !file.startsWith("spring-boot-starter-webmvc-");
	}

}
