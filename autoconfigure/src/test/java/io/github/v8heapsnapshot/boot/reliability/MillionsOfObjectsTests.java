package io.github.v8heapsnapshot.boot.reliability;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a snapshot of an application holding five million objects the way a dashboard
 * does: {@code POST}, then polling the descriptor, the listing and the summary, giving
 * up on any request after one second and asking again. While the JVM is stopped to dump
 * its heap (one stop-the-world VM operation) nothing is answered; afterwards, while the
 * conversion and the summary run, a request may miss its second on a machine whose cores
 * are busy elsewhere, but is answered when asked again. Prints what each step cost and
 * which requests went unanswered.
 *
 * @author v8heapsnapshot developers
 */
class MillionsOfObjectsTests {

	private static final int ITEMS = 5_000_000;

	private static final Duration ANSWER = Duration.ofSeconds(1);

	@TempDir
	Path directory;

	private final List<String> unanswered = new ArrayList<>();

	private final List<String> unansweredTwice = new ArrayList<>();

	private String phase = "dump";

	private long slowestAnswer;

	@Test
	void postAndPollASnapshotOfFiveMillionObjects() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		try (ApplicationProcess application = ApplicationProcess.start(storage,
				this.directory.resolve("application.log"), List.of("-Xmx1g"), "--reliability.items=" + ITEMS)) {
			warmUp(new EndpointClient(application.port()));
			EndpointClient client = new EndpointClient(application.port(), ANSWER);
			String name = start(client);
			JsonNode descriptor = awaitStored(client, name);
			assertThat(descriptor.get("state").asString()).as(descriptor.toString()).isEqualTo("stored");
			assertThat(descriptor.get("nodeCount").asLong()).isGreaterThan(ITEMS);
			this.phase = "stored";
			JsonNode summary = awaitSummary(client, name);
			assertThat(summary.get("state").asString()).isEqualTo("ready");
			assertThat(summary.get("classes").valueStream()
				.filter((entry) -> entry.get("name").asString().endsWith("LinkedItems$Item"))
				.findFirst()
				.orElseThrow()
				.get("count")
				.asLong()).isEqualTo(ITEMS);
			long start = System.nanoTime();
			HttpResponse<byte[]> diff = answer(() -> client.get(EndpointClient.PATH + "/" + name + "/diff/" + name));
			long diffMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(diff.statusCode()).isEqualTo(200);
			System.out.printf("Snapshot of %,d objects (%,d nodes, %,d edges): dump %d ms, conversion %d ms, "
					+ "summary %s ms, diff answered in %d ms; slowest answer %d ms; unanswered within %d s: %s%n",
					ITEMS, descriptor.get("nodeCount").asLong(), descriptor.get("edgeCount").asLong(),
					descriptor.get("dumpMillis").asLong(), descriptor.get("convertMillis").asLong(),
					summaryMillis(application.output()), diffMillis, this.slowestAnswer, ANSWER.toSeconds(),
					this.unanswered);
			assertThat(this.unansweredTwice).allMatch((request) -> request.endsWith("during dump"));
		}
	}

	/**
	 * Starts the snapshot; a {@code POST} not answered in time is sent again, and then
	 * learns the snapshot in progress from the {@code 429}.
	 */
	private String start(EndpointClient client) {
		HttpResponse<byte[]> response = answer(client::store);
		JsonNode body = EndpointClient.json(response);
		if (response.statusCode() == 429) {
			return body.get("inProgress").get("name").asString();
		}
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(202);
		return body.get("name").asString();
	}

	private JsonNode awaitStored(EndpointClient client, String name) throws InterruptedException {
		JsonNode descriptor = EndpointClient.json(answer(() -> client.describe(name)));
		int polls = 0;
		while ("in-progress".equals(descriptor.get("state").asString())) {
			this.phase = descriptor.get("progress").get("phase").asString();
			Thread.sleep(250);
			descriptor = EndpointClient.json(answer(() -> client.describe(name)));
			if (++polls % 4 == 0) {
				assertThat(answer(client::list).statusCode()).isEqualTo(200);
			}
		}
		return descriptor;
	}

	private JsonNode awaitSummary(EndpointClient client, String name) throws InterruptedException {
		HttpResponse<byte[]> response = answer(() -> client.get(EndpointClient.PATH + "/" + name + "/summary"));
		while (response.statusCode() == 202) {
			Thread.sleep(250);
			response = answer(() -> client.get(EndpointClient.PATH + "/" + name + "/summary"));
		}
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
		return EndpointClient.json(response);
	}

	/**
	 * Sends a request until it is answered within the second, noting each one that is
	 * not and the phase the snapshot was last seen in.
	 */
	private HttpResponse<byte[]> answer(Supplier<HttpResponse<byte[]>> request) {
		for (int attempt = 1;; attempt++) {
			long start = System.nanoTime();
			try {
				HttpResponse<byte[]> response = request.get();
				this.slowestAnswer = Math.max(this.slowestAnswer, (System.nanoTime() - start) / 1_000_000);
				return response;
			}
			catch (UncheckedIOException ex) {
				if (!(ex.getCause() instanceof HttpTimeoutException)) {
					throw ex;
				}
				String unanswered = "request " + (this.unanswered.size() + 1) + " during " + this.phase;
				this.unanswered.add(unanswered);
				if (attempt > 1) {
					this.unansweredTwice.add(unanswered);
				}
			}
		}
	}

	/**
	 * Answers the first requests of the fresh application, as a dashboard that lists
	 * before it starts a snapshot would.
	 */
	private static void warmUp(EndpointClient client) {
		for (int i = 0; i < 3; i++) {
			assertThat(client.list().statusCode()).isEqualTo(200);
			assertThat(client.describe("Heap.20000101.000000.1.0.001.heapsnapshot").statusCode()).isEqualTo(404);
		}
	}

	private static String summaryMillis(String log) {
		Matcher matcher = Pattern.compile("Summarized heap snapshot '.*' in (\\d+) ms").matcher(log);
		return matcher.find() ? matcher.group(1) : "?";
	}

}
