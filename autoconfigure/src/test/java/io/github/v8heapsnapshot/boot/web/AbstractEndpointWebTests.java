package io.github.v8heapsnapshot.boot.web;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests of the endpoint over real HTTP on a random port, whose snapshots are
 * stored in a temporary directory.
 *
 * @author v8heapsnapshot developers
 */
abstract class AbstractEndpointWebTests {

	@TempDir
	static Path temp;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> temp.resolve("snapshots").toString());
	}

}
