package io.github.v8heapsnapshot.boot.reliability;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets that the application keeps in a {@code password} field, a map entry
 * {@code api.token} and a property {@code datasource.password} are in a snapshot taken
 * through the endpoint without redaction, and nowhere in it with
 * {@code v8heapsnapshot.redaction} set.
 *
 * @author v8heapsnapshot developers
 */
class EndpointRedactionTests {

	private static final String EXPOSED = "management.endpoints.web.exposure.include=v8heapsnapshot";

	private static final String GRANTED = "management.endpoint.v8heapsnapshot.access=unrestricted";

	@Nested
	@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { EXPOSED, GRANTED, "v8heapsnapshot.redaction=none",
					"v8heapsnapshot.storage.directory=target/endpoint-redaction/none" })
	@DirtiesContext
	class None extends SnapshotThroughTheEndpoint {

		@Test
		void secretsAreInTheSnapshot() throws Exception {
			String snapshot = snapshot();
			this.holder.secrets().forEach((secret) -> assertContains(snapshot, secret, true));
			assertContains(snapshot, this.holder.harmless(), true);
		}

	}

	@Nested
	@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { EXPOSED, GRANTED, "v8heapsnapshot.redaction=secrets",
					"v8heapsnapshot.storage.directory=target/endpoint-redaction/secrets" })
	@DirtiesContext
	class Secrets extends SnapshotThroughTheEndpoint {

		@Test
		void secretsAreNotInTheSnapshot() throws Exception {
			String snapshot = snapshot();
			this.holder.secrets().forEach((secret) -> assertContains(snapshot, secret, false));
			assertContains(snapshot, this.holder.harmless(), true);
		}

	}

	@Nested
	@SpringBootTest(classes = ReliabilityApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { EXPOSED, GRANTED, "v8heapsnapshot.redaction=all-strings",
					"v8heapsnapshot.storage.directory=target/endpoint-redaction/all-strings" })
	@DirtiesContext
	class AllStrings extends SnapshotThroughTheEndpoint {

		@Test
		void noStringValueIsInTheSnapshot() throws Exception {
			String snapshot = snapshot();
			this.holder.secrets().forEach((secret) -> assertContains(snapshot, secret, false));
			assertThat(this.holder.harmlessValuesEqual()).isTrue();
			assertContains(snapshot, this.holder.harmless(), false);
		}

	}

	static void assertContains(String snapshot, String value, boolean expected) {
		assertThat(snapshot.contains(value)).as("'%s' in the snapshot", value).isEqualTo(expected);
	}

	abstract static class SnapshotThroughTheEndpoint {

		@LocalServerPort
		int port;

		@Autowired
		SecretHolder holder;

		String snapshot() throws Exception {
			HttpResponse<byte[]> response = new EndpointClient(this.port).take();
			assertThat(response.statusCode()).as(EndpointClient.text(response)).isEqualTo(200);
			return new String(response.body(), StandardCharsets.ISO_8859_1);
		}

	}

}
