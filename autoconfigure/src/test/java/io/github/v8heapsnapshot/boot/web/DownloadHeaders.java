package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks, over real HTTP, the headers that the download filters add to the endpoint's
 * answers, the same way on every web stack.
 *
 * @author v8heapsnapshot developers
 */
final class DownloadHeaders {

	private final EndpointClient client;

	private final Path storage;

	DownloadHeaders(EndpointClient client, Path storage) {
		this.client = client;
		this.storage = storage;
	}

	/**
	 * Starts a snapshot with a bodyless {@code POST}, follows its {@code Location} until
	 * it is stored, and checks its downloads: whole, a range, a range whose
	 * {@code If-Range} matches and one whose {@code If-Range} does not.
	 * @return the name of the snapshot
	 */
	String checkStoredSnapshot() throws IOException {
		HttpResponse<byte[]> accepted = this.client
			.send(this.client.request(EndpointClient.PATH).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(accepted.statusCode()).as(EndpointClient.text(accepted)).isEqualTo(202);
		String name = EndpointClient.json(accepted).get("name").asString();
		assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith(EndpointClient.PATH + "/" + name);
		assertThat(accepted.headers().firstValue("Content-Type").orElseThrow()).doesNotContain("snapshot=");
		assertThat(this.client.await(name).get("state").asString()).isEqualTo("stored");
		byte[] stored = Files.readAllBytes(this.storage.resolve(name));
		HttpResponse<byte[]> whole = this.client.download(name);
		assertThat(whole.statusCode()).isEqualTo(200);
		assertDownloadHeaders(whole, name);
		assertThat(whole.headers().firstValue("Content-Length")).hasValue(String.valueOf(stored.length));
		assertThat(whole.body()).isEqualTo(stored);
		String eTag = whole.headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> part = this.client.download(name, "bytes=1000-1999");
		assertThat(part.statusCode()).isEqualTo(206);
		assertDownloadHeaders(part, name);
		assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + stored.length);
		assertThat(part.body()).isEqualTo(Arrays.copyOfRange(stored, 1000, 2000));
		HttpResponse<byte[]> resumed = rangeIf(name, "bytes=1000-", eTag);
		assertThat(resumed.statusCode()).isEqualTo(206);
		assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(stored, 1000, stored.length));
		HttpResponse<byte[]> changed = rangeIf(name, "bytes=1000-", "\"Heap.20000101.000000.1.0.001.heapsnapshot\"");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.body()).isEqualTo(stored);
		return name;
	}

	/**
	 * Takes a snapshot with a {@code GET} and checks that it is sent as an attachment
	 * under its name.
	 */
	void checkTakenSnapshot() throws IOException {
		HttpResponse<byte[]> response = this.client.take();
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
		String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
		String name = disposition.substring(disposition.indexOf('"') + 1, disposition.length() - 1);
		assertDownloadHeaders(response, name);
		assertThat(response.headers().firstValue("Content-Length"))
			.hasValue(String.valueOf(response.body().length));
		assertThat(response.body()).isEqualTo(Files.readAllBytes(this.storage.resolve(name)));
	}

	private HttpResponse<byte[]> rangeIf(String name, String range, String ifRange) {
		return this.client.send(this.client.request(EndpointClient.PATH + "/" + name)
			.header("Range", range)
			.header("If-Range", ifRange)
			.GET());
	}

	private static void assertDownloadHeaders(HttpResponse<byte[]> response, String name) {
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + name + "\"");
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + name + "\"");
		assertThat(response.headers().firstValue("Last-Modified")).isPresent();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
	}

}
