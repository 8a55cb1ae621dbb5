package io.github.v8heapsnapshot.boot.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the JSON answers of the {@code v8heapsnapshot} endpoint: every actuator media
 * type, shaped like actuator JSON whatever the application's own Jackson settings are.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = { "spring.jackson.property-naming-strategy=SNAKE_CASE",
		"spring.jackson.default-property-inclusion=always" })
class V8HeapSnapshotEndpointMediaTypeWebTests extends AbstractEndpointWebTests {

	private static final String V3 = "application/vnd.spring-boot.actuator.v3+json";

	private static final String V2 = "application/vnd.spring-boot.actuator.v2+json";

	private static final List<String> JSON_TYPES = List.of("application/json", V2, V3);

	private EndpointClient client;

	@BeforeEach
	void storeOneSnapshot() {
		this.client = new EndpointClient(this.port);
		if (EndpointClient.names(this.client.list()).isEmpty()) {
			assertThat(this.client.takeAndAwait().get("state").asString()).isEqualTo("stored");
		}
	}

	@Test
	void listingAnswersEveryActuatorJsonMediaType() {
		for (String type : JSON_TYPES) {
			HttpResponse<byte[]> response = get("", type);
			System.out.println("GET " + EndpointClient.PATH + " Accept: " + type + " -> " + response.statusCode() + " "
					+ response.headers().firstValue("Content-Type").orElse(""));
			assertThat(response.statusCode()).as(type).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(type).startsWith(type);
			assertActuatorShaped(EndpointClient.descriptors(response).get(0));
		}
	}

	@Test
	void listingAnswersTheAcceptOfSpringBootAdmin() {
		int stored = EndpointClient.names(this.client.list()).size();
		HttpResponse<byte[]> response = get("", V3 + "," + V2 + ",application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(V3);
		assertThat(EndpointClient.names(response)).hasSize(stored);
	}

	@Test
	void descriptorAnswersEveryActuatorJsonMediaType() {
		String name = EndpointClient.names(this.client.list()).get(0);
		for (String type : JSON_TYPES) {
			HttpResponse<byte[]> response = get("/" + name, type);
			assertThat(response.statusCode()).as(type).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(type).startsWith(type);
			assertActuatorShaped(EndpointClient.json(response));
		}
	}

	@Test
	void anAcceptThatAlsoTakesAnythingDownloadsTheSnapshot() {
		String name = EndpointClient.names(this.client.list()).get(0);
		HttpResponse<byte[]> response = get("/" + name, "application/json, */*");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
	}

	private HttpResponse<byte[]> get(String path, String accept) {
		return this.client.send(this.client.request(EndpointClient.PATH + path).header("Accept", accept).GET());
	}

	private static void assertActuatorShaped(JsonNode descriptor) {
		assertThat(descriptor.get("state").asString()).isEqualTo("stored");
		assertThat(descriptor.has("snapshotBytes")).isTrue();
		assertThat(descriptor.has("snapshot_bytes")).isFalse();
		assertThat(descriptor.get("created").isString()).isTrue();
		assertThat(descriptor.properties()).noneMatch((property) -> property.getValue().isNull());
		assertThat(descriptor.has("progress")).isFalse();
	}

}
