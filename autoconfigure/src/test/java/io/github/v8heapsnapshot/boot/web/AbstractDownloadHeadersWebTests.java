package io.github.v8heapsnapshot.boot.web;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * Tests for the download headers on the web stack of an {@link EndpointWebTest}
 * subclass, over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
abstract class AbstractDownloadHeadersWebTests extends AbstractEndpointWebTests {

	@Test
	void storedAndTakenSnapshotsCarryTheirHeaders() throws IOException {
		DownloadHeaders headers = new DownloadHeaders(new EndpointClient(this.port), temp.resolve("snapshots"));
		headers.checkStoredSnapshot();
		headers.checkTakenSnapshot();
	}

}
