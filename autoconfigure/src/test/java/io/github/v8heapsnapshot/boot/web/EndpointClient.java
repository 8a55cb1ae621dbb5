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
 * Sends real HTTP requests to the {@code v8heapsnapshot} endpoint of an application
 * listening on the loopback interface. Paths are sent exactly as given, so encoded
 * characters reach the server encoded.
 *
 * @author v8heapsnapshot developers
 */
public final class EndpointClient {

	/**
	 * The path of the endpoint.
	 */
	public static final String PATH = "/actuator/v8heapsnapshot";

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	private final Duration timeout;

	/**
	 * Creates a client.
	 * @param port the port of the application
	 */
	public EndpointClient(int port) {
		this(port, Duration.ofMinutes(2));
	}

	/**
	 * Creates a client.
	 * @param port the port of the application
	 * @param timeout how long to wait for the headers of a response
	 */
	public EndpointClient(int port, Duration timeout) {
		this.base = "http://127.0.0.1:" + port;
		this.timeout = timeout;
	}

	/**
	 * Takes a snapshot and downloads it.
	 * @return the response with the snapshot's bytes
	 */
	public HttpResponse<byte[]> take() {
		return take("");
	}

	/**
	 * Takes a snapshot and downloads it.
	 * @param query the query, empty or starting with {@code ?}
	 * @return the response with the snapshot's bytes
	 */
	public HttpResponse<byte[]> take(String query) {
		return send(request(PATH + query).GET());
	}

	/**
	 * Takes and stores a snapshot.
	 * @return the response with the descriptor
	 */
	public HttpResponse<byte[]> store() {
		return send(request(PATH).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Takes a snapshot by {@code POST}, then polls its descriptor until it is no longer
	 * in progress.
	 * @return the descriptor of the snapshot, stored or failed
	 * @throws IllegalStateException if the {@code POST} is not accepted
	 */
	public JsonNode takeAndAwait() {
		HttpResponse<byte[]> accepted = store();
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException("POST answered " + accepted.statusCode() + ": " + text(accepted));
		}
		return await(json(accepted).get("name").asString());
	}

	/**
	 * Polls the descriptor of a snapshot every 100 ms until it is no longer in progress.
	 * @param name the name of the snapshot
	 * @return its descriptor, stored or failed
	 */
	public JsonNode await(String name) {
		JsonNode descriptor = json(describe(name));
		while ("in-progress".equals(descriptor.get("state").asString())) {
			pause();
			descriptor = json(describe(name));
		}
		return descriptor;
	}

	/**
	 * Describes a snapshot.
	 * @param rawName the name, sent as given
	 * @return the response with the descriptor as JSON
	 */
	public HttpResponse<byte[]> describe(String rawName) {
		return send(request(PATH + "/" + rawName).header("Accept", "application/json").GET());
	}

	/**
	 * Lists the snapshots.
	 * @return the response with the descriptors as JSON
	 */
	public HttpResponse<byte[]> list() {
		return send(request(PATH).header("Accept", "application/json").GET());
	}

	/**
	 * Downloads a stored snapshot.
	 * @param rawName the name, sent as given
	 * @return the response
	 */
	public HttpResponse<byte[]> download(String rawName) {
		return send(request(PATH + "/" + rawName).GET());
	}

	/**
	 * Downloads a part of a stored snapshot.
	 * @param rawName the name, sent as given
	 * @param range the value of the {@code Range} header
	 * @return the response
	 */
	public HttpResponse<byte[]> download(String rawName, String range) {
		return send(request(PATH + "/" + rawName).header("Range", range).GET());
	}

	/**
	 * Deletes a stored snapshot.
	 * @param rawName the name, sent as given
	 * @return the response
	 */
	public HttpResponse<byte[]> delete(String rawName) {
		return send(request(PATH + "/" + rawName).DELETE());
	}

	/**
	 * Sends a {@code GET} of any path.
	 * @param path the path, from the root of the application
	 * @return the response
	 */
	public HttpResponse<byte[]> get(String path) {
		return send(request(path).GET());
	}

	/**
	 * Returns the descriptors of the stored snapshots.
	 * @return the descriptors, newest first
	 * @throws IllegalStateException if the listing fails
	 */
	public List<JsonNode> descriptors() {
		HttpResponse<byte[]> response = list();
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Listing answered " + response.statusCode() + ": " + text(response));
		}
		return descriptors(response);
	}

	/**
	 * Returns the descriptors in a successful listing.
	 * @param listing the response of {@link #list()}
	 * @return the descriptors, newest first
	 */
	public static List<JsonNode> descriptors(HttpResponse<byte[]> listing) {
		return json(listing).get("snapshots").valueStream().toList();
	}

	/**
	 * Returns the names of the stored snapshots in a successful listing.
	 * @param listing the response of {@link #list()}
	 * @return the names, newest first
	 */
	public static List<String> names(HttpResponse<byte[]> listing) {
		return descriptors(listing).stream()
			.filter((descriptor) -> "stored".equals(descriptor.get("state").asString()))
			.map((descriptor) -> descriptor.get("name").asString())
			.toList();
	}

	/**
	 * Reads the body of a response as JSON.
	 * @param response the response
	 * @return the JSON
	 */
	public static JsonNode json(HttpResponse<byte[]> response) {
		return jsonMapper.readTree(response.body());
	}

	/**
	 * Reads the body of a response as text.
	 * @param response the response
	 * @return the text
	 */
	public static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	/**
	 * Starts a request to a path of the application.
	 * @param path the path, from the root of the application
	 * @return the request builder
	 */
	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(this.timeout);
	}

	/**
	 * Sends a request.
	 * @param request the request
	 * @return the response with its body as bytes
	 */
	public HttpResponse<byte[]> send(HttpRequest.Builder request) {
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

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
