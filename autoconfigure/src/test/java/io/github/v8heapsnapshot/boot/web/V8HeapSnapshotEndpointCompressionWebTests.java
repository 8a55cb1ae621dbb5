package io.github.v8heapsnapshot.boot.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for downloads of snapshots on a separate management port with the HTTP
 * compression that {@code server.compression} configures.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = { "management.server.port=0", "server.compression.enabled=true",
		"server.compression.mime-types=application/octet-stream,application/json" })
class V8HeapSnapshotEndpointCompressionWebTests {

	@TempDir
	static Path temp;

	@LocalManagementPort
	int port;

	@DynamicPropertySource
	static void storageDirectory(DynamicPropertyRegistry registry) {
		registry.add("v8heapsnapshot.storage.directory", () -> temp.toString());
	}

	@Test
	void downloadOnTheManagementPortKeepsItsStrongETagAndIsSentPlain() throws Exception {
		String name = new EndpointClient(this.port).takeAndAwait().get("name").asString();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + EndpointClient.PATH + "/" + name))
			.header("Accept-Encoding", "gzip")
			.build();
		HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request, BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + name + "\"");
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + name + "\"");
		// Tomcat does not compress a response with a strong ETag: a range of it stays valid
		assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(response.body()).isEqualTo(Files.readAllBytes(temp.resolve(name)));
	}

}
