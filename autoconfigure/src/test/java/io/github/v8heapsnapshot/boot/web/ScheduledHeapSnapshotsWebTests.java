package io.github.v8heapsnapshot.boot.web;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for scheduled heap snapshots, listed over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
@EndpointWebTest(properties = { "management.endpoint.v8heapsnapshot.access=read-only",
		"v8heapsnapshot.schedule.enabled=true", "v8heapsnapshot.schedule.interval=1s",
		"v8heapsnapshot.schedule.initial-delay=0s", "v8heapsnapshot.storage.max-count=2" })
@DirtiesContext
class ScheduledHeapSnapshotsWebTests extends AbstractEndpointWebTests {

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void takesSnapshotsOnTheScheduleOnItsOwnDaemonThread() {
		EndpointClient client = new EndpointClient(this.port);
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(EndpointClient.names(client.list())).hasSizeGreaterThanOrEqualTo(2));
		assertThat(client.descriptors())
			.allSatisfy((descriptor) -> assertThat(descriptor.get("trigger").asString()).isEqualTo("scheduled"));
		assertThat(this.meterRegistry.get("v8heapsnapshot.duration")
			.tags("phase", "convert", "trigger", "scheduled", "outcome", "success")
			.timer()
			.count()).isGreaterThanOrEqualTo(2);
		assertThat(Thread.getAllStackTraces().keySet())
			.anySatisfy((thread) -> assertThat(thread.getName()).startsWith("v8heapsnapshot-"))
			.filteredOn((thread) -> thread.getName().startsWith("v8heapsnapshot-"))
			.allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

}
