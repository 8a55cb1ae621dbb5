package io.github.v8heapsnapshot.boot.autoconfigure.scheduling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.autoconfigure.V8HeapSnapshotAutoConfiguration;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotScheduler;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.PeriodicTrigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link V8HeapSnapshotSchedulingAutoConfiguration}.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotSchedulingAutoConfigurationTests {

	@TempDir
	static Path temp;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(V8HeapSnapshotAutoConfiguration.class,
				V8HeapSnapshotSchedulingAutoConfiguration.class))
		.withPropertyValues("v8heapsnapshot.storage.directory=" + temp);

	@Test
	void schedulerIsNotCreatedByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(HeapSnapshotScheduler.class));
	}

	@Test
	void schedulerIsCreatedAndStartedWhenEnabled() {
		this.contextRunner.withPropertyValues("v8heapsnapshot.schedule.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(HeapSnapshotScheduler.class);
			assertThat(context.getBean(HeapSnapshotScheduler.class).isRunning()).isTrue();
			assertThat(schedulerThreads()).isPositive();
		});
	}

	@Test
	void schedulerStopsWithTheContext() {
		this.contextRunner.withPropertyValues("v8heapsnapshot.schedule.enabled=true").run((context) -> {
			HeapSnapshotScheduler scheduler = context.getBean(HeapSnapshotScheduler.class);
			context.close();
			assertThat(scheduler.isRunning()).isFalse();
		});
	}

	@Test
	void stoppingInterruptsTheSnapshotInProgressWhichLeavesNoFiles() {
		Path directory = temp.resolve("interrupted");
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + directory, "v8heapsnapshot.schedule.enabled=true",
					"v8heapsnapshot.schedule.initial-delay=0s")
			.run((context) -> {
				await().atMost(Duration.ofSeconds(30)).until(() -> hasFileInProgress(directory));
				context.close();
				// But the object id table's lock, which the process holds while it runs
				assertThat(filesIn(directory)).noneMatch((name) -> name.startsWith(".") && !name.endsWith(".lock"));
			});
	}

	@Test
	void acceptsACronExpression() {
		this.contextRunner.withPropertyValues("v8heapsnapshot.schedule.enabled=true",
				"v8heapsnapshot.schedule.cron=0 0 3 * * *")
			.run((context) -> assertThat(context).hasSingleBean(HeapSnapshotScheduler.class));
	}

	@Test
	void failsOnAnInvalidCronExpression() {
		this.contextRunner.withPropertyValues("v8heapsnapshot.schedule.enabled=true",
				"v8heapsnapshot.schedule.cron=every night")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void backsOffFromUserScheduler() {
		this.contextRunner.withPropertyValues("v8heapsnapshot.schedule.enabled=true")
			.withUserConfiguration(CustomSchedulerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(HeapSnapshotScheduler.class)
				.hasBean("customScheduler"));
	}

	private static boolean hasFileInProgress(Path directory) throws IOException {
		return Files.isDirectory(directory) && filesIn(directory).stream().anyMatch((name) -> name.startsWith("."));
	}

	private static List<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static long schedulerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("v8heapsnapshot-") && thread.isDaemon())
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomSchedulerConfiguration {

		@Bean
		HeapSnapshotScheduler customScheduler(HeapSnapshotService service) {
			PeriodicTrigger trigger = new PeriodicTrigger(Duration.ofDays(1));
			trigger.setInitialDelay(Duration.ofDays(1));
			return new HeapSnapshotScheduler(service, trigger);
		}

	}

}
