package io.github.v8heapsnapshot.boot.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a snapshot of an application holding five million objects the way a dashboard
 * does: {@code POST}, then polling the descriptor, the listing and the summary, each
 * answered within a second (the client gives up after one), while the dump, the
 * conversion and the summary run in the background. Prints what each step cost.
 *
 * @author v8heapsnapshot developers
 */
class MillionsOfObjectsTests {

	private static final int ITEMS = 5_000_000;

	private static final Duration ANSWER = Duration.ofSeconds(1);

	@TempDir
	Path directory;

	private long slowestAnswer;

	@Test
	void postAndPollASnapshotOfFiveMillionObjects() throws Exception {
		Path storage = this.directory.resolve("snapshots");
		try (ApplicationProcess application = ApplicationProcess.start(storage,
				this.directory.resolve("application.log"), List.of("-Xmx1g"), "--reliability.items=" + ITEMS)) {
			EndpointClient client = new EndpointClient(application.port(), ANSWER);
			HttpResponse<byte[]> accepted = timed(() -> client.store());
			assertThat(accepted.statusCode()).as(EndpointClient.text(accepted)).isEqualTo(202);
			String name = EndpointClient.json(accepted).get("name").asString();
			JsonNode descriptor = EndpointClient.json(accepted);
			int polls = 0;
			while ("in-progress".equals(descriptor.get("state").asString())) {
				Thread.sleep(250);
				descriptor = EndpointClient.json(timed(() -> client.describe(name)));
				if (++polls % 4 == 0) {
					assertThat(timed(() -> client.list()).statusCode()).isEqualTo(200);
				}
			}
			assertThat(descriptor.get("state").asString()).as(descriptor.toString()).isEqualTo("stored");
			assertThat(descriptor.get("nodeCount").asLong()).isGreaterThan(ITEMS);
			JsonNode summary = awaitSummary(client, name);
			assertThat(summary.get("state").asString()).isEqualTo("ready");
			assertThat(summary.get("classes").valueStream()
				.filter((entry) -> entry.get("name").asString().endsWith("LinkedItems$Item"))
				.findFirst()
				.orElseThrow()
				.get("count")
				.asLong()).isEqualTo(ITEMS);
			long start = System.nanoTime();
			HttpResponse<byte[]> diff = timed(() -> client.get(EndpointClient.PATH + "/" + name + "/diff/" + name));
			long diffMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(diff.statusCode()).isEqualTo(200);
			System.out.printf("Snapshot of %,d objects (%,d nodes, %,d edges): dump %d ms, conversion %d ms, "
					+ "summary %s ms, diff answered in %d ms; %d polls, slowest answer %d ms%n", ITEMS,
					descriptor.get("nodeCount").asLong(), descriptor.get("edgeCount").asLong(),
					descriptor.get("dumpMillis").asLong(), descriptor.get("convertMillis").asLong(),
					summaryMillis(application.output()), diffMillis, polls, this.slowestAnswer);
		}
	}

	private JsonNode awaitSummary(EndpointClient client, String name) throws InterruptedException {
		HttpResponse<byte[]> response = timed(() -> client.get(EndpointClient.PATH + "/" + name + "/summary"));
		while (response.statusCode() == 202) {
			Thread.sleep(250);
			response = timed(() -> client.get(EndpointClient.PATH + "/" + name + "/summary"));
		}
		assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
		return EndpointClient.json(response);
	}

	private HttpResponse<byte[]> timed(Request request) {
		long start = System.nanoTime();
		HttpResponse<byte[]> response = request.send();
		this.slowestAnswer = Math.max(this.slowestAnswer, (System.nanoTime() - start) / 1_000_000);
		return response;
	}

	private static String summaryMillis(String log) {
		Matcher matcher = Pattern.compile("Summarized heap snapshot '.*' in (\\d+) ms").matcher(log);
		return matcher.find() ? matcher.group(1) : "?";
	}

	@FunctionalInterface
	private interface Request {

		HttpResponse<byte[]> send();

	}

}
