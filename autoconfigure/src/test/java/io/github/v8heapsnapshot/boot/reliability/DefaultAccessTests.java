package io.github.v8heapsnapshot.boot.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.v8heapsnapshot.boot.web.EndpointClient;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unless access is granted and the endpoint exposed, no request reaches it and no snapshot
 * is taken.
 *
 * @author v8heapsnapshot developers
 */
class DefaultAccessTests {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "", "management.endpoints.web.exposure.include=*",
			"management.endpoint.v8heapsnapshot.access=unrestricted",
			"management.endpoint.v8heapsnapshot.access=none,management.endpoints.web.exposure.include=*" })
	void notReachableUnlessGrantedAndExposed(String properties) throws Exception {
		Path storage = this.directory.resolve("snapshots");
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"v8heapsnapshot.storage.directory=" + storage));
		if (!properties.isEmpty()) {
			all.addAll(List.of(properties.split(",")));
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReliabilityApplication.class)
			.properties(all.toArray(String[]::new))
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			EndpointClient client = new EndpointClient(port);
			String name = "Heap.20260101.000000.1.0.001.heapsnapshot";
			assertThat(client.take().statusCode()).isEqualTo(404);
			assertThat(client.store().statusCode()).isIn(404, 405);
			assertThat(client.list().statusCode()).isEqualTo(404);
			assertThat(client.download(name).statusCode()).isEqualTo(404);
			assertThat(client.delete(name).statusCode()).isIn(404, 405);
			assertThat(storage).doesNotExist();
		}
	}

}
