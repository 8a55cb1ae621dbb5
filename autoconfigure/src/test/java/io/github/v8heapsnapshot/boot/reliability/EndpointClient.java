package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends real HTTP requests to the {@code v8heapsnapshot} endpoint of a running
 * application. Paths are sent exactly as given, encoded or not.
 *
 * @author v8heapsnapshot developers
 */
final class EndpointClient {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	EndpointClient(int port) {
		this.base = "http://127.0.0.1:" + port + "/actuator/v8heapsnapshot";
	}

	/**
	 * Takes a snapshot and downloads it.
	 * @return the response with the snapshot's bytes
	 */
	HttpResponse<byte[]> take() throws IOException, InterruptedException {
		return send(request("").GET().build());
	}

	/**
	 * Takes and stores a snapshot.
	 * @return the response with the descriptor
	 */
	HttpResponse<byte[]> store() throws IOException, InterruptedException {
		return send(request("").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	HttpResponse<byte[]> download(String rawName) throws IOException, InterruptedException {
		return send(request("/" + rawName).GET().build());
	}

	HttpResponse<byte[]> delete(String rawName) throws IOException, InterruptedException {
		return send(request("/" + rawName).DELETE().build());
	}

	/**
	 * Lists the stored snapshots.
	 * @return the response with the descriptors as JSON
	 */
	HttpResponse<byte[]> list() throws IOException, InterruptedException {
		return send(request("").header("Accept", "application/json").GET().build());
	}

	/**
	 * Returns the names in a successful listing.
	 * @param listing the response of {@link #list()}
	 * @return the names, newest first
	 */
	static List<String> names(HttpResponse<byte[]> listing) {
		List<String> names = new ArrayList<>();
		for (JsonNode descriptor : json(listing)) {
			names.add(descriptor.get("name").asString());
		}
		return names;
	}

	static JsonNode json(HttpResponse<byte[]> response) {
		return mapper.readTree(response.body());
	}

	static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofMinutes(2));
	}

	private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, BodyHandlers.ofByteArray());
	}

}
