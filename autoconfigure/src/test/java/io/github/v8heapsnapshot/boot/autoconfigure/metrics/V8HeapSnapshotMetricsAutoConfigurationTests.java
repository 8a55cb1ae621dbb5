package io.github.v8heapsnapshot.boot.autoconfigure.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotAutoConfiguration;
import io.github.v8heapsnapshot.boot.autoconfigure.pressure.V8HeapSnapshotPressureAutoConfiguration;
import io.github.v8heapsnapshot.boot.metrics.HeapPressureMetrics;
import io.github.v8heapsnapshot.boot.metrics.V8HeapSnapshotMetrics;
import io.github.v8heapsnapshot.boot.pressure.HeapOccupancy;
import io.github.v8heapsnapshot.boot.pressure.PressureEpisodes;
import io.github.v8heapsnapshot.boot.pressure.SkipReason;
import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotInProgressException;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link V8HeapSnapshotMetricsAutoConfiguration}.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(V8HeapSnapshotAutoConfiguration.class, V8HeapSnapshotMetricsAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void autoConfiguresMetricsWhenThereIsAMeterRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(V8HeapSnapshotMetrics.class));
	}

	@Test
	void serviceReportsToTheMetrics() throws Exception {
		CountDownLatch dumping = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		HeapDumper blockingDumper = (file, live) -> {
			dumping.countDown();
			awaitUninterruptibly(release);
			throw new IOException("Dump abandoned");
		};
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(HeapDumper.class, () -> blockingDumper)
			.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp, "v8heapsnapshot.busy-wait=0ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				context.getBean(V8HeapSnapshotMetrics.class).bindTo(registry);
				HeapSnapshotService service = context.getBean(HeapSnapshotService.class);
				CompletableFuture<HeapSnapshotDescriptor> first = CompletableFuture
					.supplyAsync(() -> takeSnapshot(service, SnapshotTrigger.API));
				assertThat(dumping.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(registry.get("v8heapsnapshot.active").longTaskTimer().activeTasks()).isOne();
				assertThatExceptionOfType(SnapshotInProgressException.class)
					.isThrownBy(() -> service.takeSnapshot(SnapshotTrigger.ENDPOINT, null));
				release.countDown();
				assertThatExceptionOfType(CompletionException.class).isThrownBy(first::join)
					.withRootCauseInstanceOf(IOException.class);
				assertThat(registry.get("v8heapsnapshot.rejected").tag("trigger", "endpoint").counter().count())
					.isOne();
				assertThat(registry.get("v8heapsnapshot.duration")
					.tags("phase", "dump", "trigger", "api", "outcome", "failure")
					.timer()
					.count()).isOne();
				assertThat(registry.get("v8heapsnapshot.active").longTaskTimer().activeTasks()).isZero();
				assertThat(registry.get("v8heapsnapshot.stored.count").gauge().value()).isZero();
			});
		try (Stream<Path> files = Files.list(this.temp)) {
			assertThat(files).isEmpty();
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static HeapSnapshotDescriptor takeSnapshot(HeapSnapshotService service, SnapshotTrigger trigger) {
		try {
			return service.takeSnapshot(trigger, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void doesNotAutoConfigureMetricsWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(V8HeapSnapshotMetrics.class)
			.hasSingleBean(HeapSnapshotService.class));
	}

	@Test
	void countsEpisodesOfMemoryPressureWhenEnabled() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(V8HeapSnapshotPressureAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("v8heapsnapshot.pressure.enabled=true", "v8heapsnapshot.pressure.max-captures=0")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				HeapPressureMetrics metrics = context.getBean(HeapPressureMetrics.class);
				metrics.bindTo(registry);
				PressureEpisodes episodes = context.getBean(PressureEpisodes.class);
				HeapOccupancy full = new HeapOccupancy(90, 100, true, "G1 Old Generation", "G1 Compaction Pause",
						Instant.now());
				assertThat(episodes.offer(full)).isEqualTo(PressureEpisodes.Decision.SKIP_CAP);
				metrics.episodeStarted(full);
				metrics.skipped(full, SkipReason.CAP);
				assertThat(registry.get("v8heapsnapshot.pressure.episodes").counter().count()).isOne();
				assertThat(registry.get("v8heapsnapshot.pressure.skipped").tag("reason", "cap").counter().count())
					.isOne();
				assertThat(registry.get("v8heapsnapshot.pressure.captures").tag("trigger", "heap").counter().count())
					.isZero();
				assertThat(registry.get("v8heapsnapshot.pressure.state").gauge().value())
					.isEqualTo(PressureEpisodes.State.COOLING.ordinal());
			});
		this.contextRunner.withConfiguration(AutoConfigurations.of(V8HeapSnapshotPressureAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(HeapPressureMetrics.class)
				.doesNotHaveBean(PressureEpisodes.class));
	}

	@Test
	void serviceWorksWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(V8HeapSnapshotMetrics.class)
				.hasSingleBean(HeapSnapshotService.class));
	}

	@Test
	void backsOffFromUserMetrics() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(CustomMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(V8HeapSnapshotMetrics.class)
				.hasBean("customMetrics"));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomMetricsConfiguration {

		@Bean
		V8HeapSnapshotMetrics customMetrics(HeapSnapshotStore store) {
			return new V8HeapSnapshotMetrics(store);
		}

	}

}
