package io.github.v8heapsnapshot.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.HotSpotHeapDumper;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link V8HeapSnapshotAutoConfiguration}.
 *
 * @author v8heapsnapshot developers
 */
class V8HeapSnapshotAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(V8HeapSnapshotAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void autoConfiguresServiceStoreAndHotSpotDumper() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(HeapSnapshotService.class)
				.hasSingleBean(HeapSnapshotStore.class)
				.hasSingleBean(HotSpotHeapDumper.class);
			assertThat(context.getBean(HeapSnapshotStore.class).getDirectory())
				.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "v8heapsnapshots").toAbsolutePath());
		});
	}

	@Test
	void defaultsAreSafeForProduction() {
		this.contextRunner.run((context) -> {
			V8HeapSnapshotProperties properties = context.getBean(V8HeapSnapshotProperties.class);
			assertThat(properties.isLive()).isTrue();
			assertThat(properties.isKeepHprof()).isFalse();
			assertThat(properties.getRedaction()).isEqualTo(Redaction.NONE);
			assertThat(properties.getStorage().getMaxCount()).isEqualTo(5);
			assertThat(properties.getStorage().getMaxTotalSize()).isEqualTo(DataSize.ofGigabytes(10));
			assertThat(properties.getStorage().getMaxAge()).isEqualTo(Duration.ofDays(7));
			assertThat(properties.getSchedule().isEnabled()).isFalse();
		});
	}

	@Test
	void bindsProperties() {
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp.resolve("snapshots"),
					"v8heapsnapshot.storage.max-count=2", "v8heapsnapshot.storage.max-total-size=3MB",
					"v8heapsnapshot.storage.max-age=1h", "v8heapsnapshot.live=false", "v8heapsnapshot.string-limit=80",
					"v8heapsnapshot.keep-hprof=true", "v8heapsnapshot.busy-wait=2s",
					"v8heapsnapshot.temp-directory=" + this.temp.resolve("index"),
					"v8heapsnapshot.redaction=all-strings", "v8heapsnapshot.sensitive-names=iban,pin.*",
					"v8heapsnapshot.schedule.enabled=true", "v8heapsnapshot.schedule.interval=30m",
					"v8heapsnapshot.schedule.cron=0 0 * * * *", "v8heapsnapshot.schedule.initial-delay=5m")
			.run((context) -> {
				V8HeapSnapshotProperties properties = context.getBean(V8HeapSnapshotProperties.class);
				assertThat(properties.getStorage().getMaxCount()).isEqualTo(2);
				assertThat(properties.getStorage().getMaxTotalSize()).isEqualTo(DataSize.ofMegabytes(3));
				assertThat(properties.getStorage().getMaxAge()).isEqualTo(Duration.ofHours(1));
				assertThat(properties.isLive()).isFalse();
				assertThat(properties.getStringLimit()).isEqualTo(80);
				assertThat(properties.isKeepHprof()).isTrue();
				assertThat(properties.getBusyWait()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getTempDirectory()).isEqualTo(this.temp.resolve("index").toFile());
				assertThat(properties.getRedaction()).isEqualTo(Redaction.ALL_STRINGS);
				assertThat(properties.getSensitiveNames()).containsExactly("iban", "pin.*");
				assertThat(properties.getSchedule().isEnabled()).isTrue();
				assertThat(properties.getSchedule().getInterval()).isEqualTo(Duration.ofMinutes(30));
				assertThat(properties.getSchedule().getCron()).isEqualTo("0 0 * * * *");
				assertThat(properties.getSchedule().getInitialDelay()).isEqualTo(Duration.ofMinutes(5));
				assertThat(context.getBean(HeapSnapshotStore.class).getDirectory())
					.isEqualTo(this.temp.resolve("snapshots"));
			});
	}

	@Test
	void doesNotCreateTheStorageDirectoryAtStartup() {
		Path directory = this.temp.resolve("snapshots");
		this.contextRunner.withPropertyValues("v8heapsnapshot.storage.directory=" + directory)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(directory).doesNotExist();
	}

	@Test
	void removesFilesLeftInProgressByEndedProcessesAtStartup() throws Exception {
		String name = "Heap.20260101.120000." + ProcessHandle.current().pid() + ".0.001.heapsnapshot";
		Path leftOverDump = Files.createFile(this.temp.resolve(".Heap.20260101.120000."
				+ ProcessHandle.current().pid() + ".0.001.hprof"));
		Path leftOverSnapshot = Files.createFile(this.temp.resolve("." + name));
		Path orphanDescriptor = Files.createFile(this.temp.resolve(name + ".json"));
		Path leftOverPart = Files.createFile(this.temp.resolve(".." + name + ".part"));
		Path leftOverWork = Files.createDirectories(this.temp.resolve(".Heap.20260101.120000."
				+ ProcessHandle.current().pid() + ".0.001.work/v8heapsnapshot-1"));
		Files.createFile(leftOverWork.resolve("index"));
		Path unrelated = Files.createFile(this.temp.resolve("notes.txt"));
		String stored = "Heap.20260101.120000." + ProcessHandle.current().pid() + ".0.002.heapsnapshot";
		Path storedSnapshot = Files.createFile(this.temp.resolve(stored));
		Path storedDescriptor = Files.createFile(this.temp.resolve(stored + ".json"));
		long parent = ProcessHandle.current().parent().orElseThrow().pid();
		Path otherProcessDump = Files.createFile(this.temp.resolve(".Heap.20260101.120000." + parent + ".0.001.hprof"));
		this.contextRunner.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(leftOverDump).doesNotExist();
		assertThat(leftOverSnapshot).doesNotExist();
		assertThat(leftOverPart).doesNotExist();
		assertThat(leftOverWork.getParent()).doesNotExist();
		assertThat(orphanDescriptor).doesNotExist();
		assertThat(unrelated).exists();
		assertThat(storedSnapshot).exists();
		assertThat(storedDescriptor).exists();
		assertThat(otherProcessDump).exists();
	}

	@Test
	void backsOffFromUserStore() {
		this.contextRunner.withBean("customStore", HeapSnapshotStore.class, () -> new HeapSnapshotStore(this.temp))
			.run((context) -> {
				assertThat(context).hasSingleBean(HeapSnapshotStore.class).hasBean("customStore");
				assertThat(context.getBean(HeapSnapshotService.class).getStore())
					.isSameAs(context.getBean("customStore"));
			});
	}

	@Test
	void backsOffFromUserHeapDumper() {
		HeapDumper dumper = (file, live) -> Files.createFile(file);
		this.contextRunner.withBean("customDumper", HeapDumper.class, () -> dumper).run((context) -> {
			assertThat(context).hasSingleBean(HeapDumper.class).doesNotHaveBean(HotSpotHeapDumper.class);
			assertThat(context).hasSingleBean(HeapSnapshotService.class);
		});
	}

	@Test
	void backsOffFromUserService() {
		this.contextRunner.withBean("customService", HeapSnapshotService.class,
				() -> new HeapSnapshotService(new HeapSnapshotStore(this.temp), new HotSpotHeapDumper(),
						ConversionOptions.defaults()))
			.run((context) -> assertThat(context).hasSingleBean(HeapSnapshotService.class).hasBean("customService"));
	}

}
