package io.github.v8heapsnapshot.boot.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application in a small heap that is partly or mostly full either gets its snapshots
 * or a clear refusal; the conversion never throws it into an {@link OutOfMemoryError}, and
 * it keeps serving.
 *
 * @author v8heapsnapshot developers
 */
class MemoryPressureTests {

	@TempDir
	Path directory;

	@ParameterizedTest(name = "-Xmx{0}m, {1}% full")
	@CsvSource({ "160, 50", "96, 90" })
	void snapshotsOfAFillingHeap(int maxHeapMegabytes, int percentFull) throws Exception {
		Path storage = this.directory.resolve("snapshots");
		Path log = this.directory.resolve("application.log");
		try (ApplicationProcess application = ApplicationProcess.start(storage, log,
				List.of("-Xmx" + maxHeapMegabytes + "m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
				"--reliability.ballast-percent=" + percentFull)) {
			EndpointClient client = new EndpointClient(application.port());
			for (int i = 0; i < 2; i++) {
				HttpResponse<byte[]> response = client.store();
				String answer = EndpointClient.text(response);
				if (response.statusCode() == 202) {
					JsonNode descriptor = client.await(EndpointClient.json(response).get("name").asString());
					answer = descriptor.toString();
					if (!"stored".equals(descriptor.get("state").asString())) {
						assertThat(descriptor.get("failure").asString())
							.as("%s; errors logged: %s", answer, errors(application.output()))
							.startsWith("Not enough free");
					}
				}
				else {
					assertThat(response.statusCode()).as("%s; errors logged: %s", answer, errors(application.output()))
						.isEqualTo(507);
				}
				System.out.printf("Snapshot of a %d MB heap %d%% full: %d %s%n", maxHeapMegabytes, percentFull,
						response.statusCode(), answer);
			}
			assertThat(client.list().statusCode()).isEqualTo(200);
			assertThat(application.isAlive()).isTrue();
			assertThat(errors(application.output())).noneMatch((line) -> line.contains("OutOfMemoryError"));
		}
	}

	private static List<String> errors(String output) {
		return output.lines()
			.filter((line) -> line.contains("Error") || line.contains("Exception") || line.contains("\tat io.github"))
			.limit(40)
			.toList();
	}

}
