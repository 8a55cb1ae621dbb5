package io.github.v8heapsnapshot.boot.web;

import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for read-only access with taking on read turned off: callers can list and
 * download, and nothing they send takes a snapshot.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = { "management.endpoint.v8heapsnapshot.access=read-only",
		"v8heapsnapshot.endpoint.take-on-read=false" })
class V8HeapSnapshotEndpointReadOnlyWebTests extends AbstractEndpointWebTests {

	@Test
	void listsWhateverTheAcceptAndNeverTakesASnapshot() {
		EndpointClient client = new EndpointClient(this.port);
		for (String accept : new String[] { "*/*", "application/octet-stream", "application/json, */*" }) {
			HttpResponse<byte[]> response = client
				.send(client.request(EndpointClient.PATH).header("Accept", accept).GET());
			assertThat(response.statusCode()).as(accept).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(accept)
				.startsWith("application/vnd.spring-boot.actuator.v3+json");
			assertThat(EndpointClient.descriptors(response)).as(accept).isEmpty();
		}
		assertThat(client.take().statusCode()).isEqualTo(200);
		assertThat(client.store().statusCode()).isEqualTo(405);
		assertThat(Files.exists(temp.resolve("snapshots"))).isFalse();
	}

}
