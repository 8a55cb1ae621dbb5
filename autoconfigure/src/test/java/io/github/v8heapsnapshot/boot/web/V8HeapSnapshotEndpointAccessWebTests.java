package io.github.v8heapsnapshot.boot.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the access to the {@code v8heapsnapshot} endpoint over real HTTP: nothing is
 * reachable until access is granted, and read-only access cannot store or delete.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotEndpointAccessWebTests {

	@TempDir
	static Path temp;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> temp.resolve("snapshots").toString());
	}

	@Nested
	@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "management.endpoints.web.exposure.include=*")
	class ExposedWithDefaultAccess {

		@LocalServerPort
		int port;

		@Test
		void endpointIsNotReachable() {
			EndpointClient client = new EndpointClient(this.port);
			assertThat(client.take("").statusCode()).isEqualTo(404);
			assertThat(client.store().statusCode()).isEqualTo(404);
			assertThat(client.list().statusCode()).isEqualTo(404);
			assertThat(client.download("Heap.20000101.000000.1.0.001.heapsnapshot").statusCode()).isEqualTo(404);
			assertThat(EndpointClient.text(client.get("/actuator"))).contains("/actuator/health")
				.doesNotContain("v8heapsnapshot");
			assertThat(temp.resolve("snapshots")).doesNotExist();
		}

	}

	@Nested
	@SpringBootTest(classes = WebTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=*",
					"management.endpoint.v8heapsnapshot.access=read-only" })
	class ExposedWithReadOnlyAccess {

		@LocalServerPort
		int port;

		@Test
		void listsButNeitherStoresNorDeletes() {
			EndpointClient client = new EndpointClient(this.port);
			assertThat(client.descriptors()).isEmpty();
			assertThat(client.store().statusCode()).isEqualTo(405);
			assertThat(client.delete("Heap.20000101.000000.1.0.001.heapsnapshot").statusCode()).isEqualTo(405);
			assertThat(temp.resolve("snapshots")).doesNotExist();
		}

	}

}
