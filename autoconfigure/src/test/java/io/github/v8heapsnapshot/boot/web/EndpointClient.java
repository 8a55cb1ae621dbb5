package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends real HTTP requests to the {@code v8heapsnapshot} endpoint. Paths are sent as
 * given, so encoded characters reach the server encoded.
 *
 * @author v8heapsnapshot developers
 */
final class EndpointClient {

	static final String PATH = "/actuator/v8heapsnapshot";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	EndpointClient(int port) {
		this.base = "http://localhost:" + port;
	}

	HttpResponse<byte[]> take(String query) {
		return send(request(PATH + query).GET());
	}

	HttpResponse<byte[]> store() {
		return send(request(PATH).POST(HttpRequest.BodyPublishers.noBody()));
	}

	HttpResponse<byte[]> list() {
		return send(request(PATH).header("Accept", "application/json").GET());
	}

	HttpResponse<byte[]> download(String rawName) {
		return send(request(PATH + "/" + rawName).GET());
	}

	HttpResponse<byte[]> download(String rawName, String range) {
		return send(request(PATH + "/" + rawName).header("Range", range).GET());
	}

	HttpResponse<byte[]> delete(String rawName) {
		return send(request(PATH + "/" + rawName).DELETE());
	}

	HttpResponse<byte[]> get(String path) {
		return send(request(path).GET());
	}

	List<JsonNode> descriptors() {
		HttpResponse<byte[]> response = list();
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Listing answered " + response.statusCode() + ": " + text(response));
		}
		return jsonMapper.readTree(response.body()).valueStream().toList();
	}

	static JsonNode json(HttpResponse<byte[]> response) {
		return jsonMapper.readTree(response.body());
	}

	static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofMinutes(2));
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
