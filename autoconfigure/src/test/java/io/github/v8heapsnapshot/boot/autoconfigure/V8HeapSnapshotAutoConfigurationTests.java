package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.boot.snapshot.HeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.boot.snapshot.HotSpotHeapDumper;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link V8HeapSnapshotAutoConfiguration}.
 *
 * @author v8heapsnapshot developers
 */
@ExtendWith(OutputCaptureExtension.class)
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
			assertThat(context.getBean(HeapSnapshotStore.class).getDirectory().getPath().getFileName().toString())
				.matches("v8heapsnapshots-app-[0-9a-f]{12}");
		});
	}

	@Test
	void storesEachApplicationInADirectoryOfItsOwnAndLogsIt(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.application.name=orders/eu west")
			.run((context) -> assertThat(context.getBean(HeapSnapshotStore.class).getDirectory().getPath())
				.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "v8heapsnapshots-orders-eu-west")
					.toAbsolutePath()));
		assertThat(output).contains("Heap snapshots are stored in '"
				+ Path.of(System.getProperty("java.io.tmpdir"), "v8heapsnapshots-orders-eu-west").toAbsolutePath() + "'");
		this.contextRunner.run((first) -> this.contextRunner.run((second) -> assertThat(
				second.getBean(HeapSnapshotStore.class).getDirectory().getPath())
			.as("stable across restarts")
			.isEqualTo(first.getBean(HeapSnapshotStore.class).getDirectory().getPath())));
	}

	@Test
	void continuesObjectIdsUnlessTurnedOff() throws IOException {
		Path on = this.temp.resolve("on");
		Path off = this.temp.resolve("off");
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + on, "v8heapsnapshot.conversion.mode=in-process")
			.run((context) -> context.getBean(HeapSnapshotService.class).takeSnapshot(SnapshotTrigger.API, null));
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + off, "v8heapsnapshot.conversion.mode=in-process",
					"v8heapsnapshot.object-ids=false")
			.run((context) -> context.getBean(HeapSnapshotService.class).takeSnapshot(SnapshotTrigger.API, null));
		assertThat(objectIdFiles(on)).isNotEmpty();
		assertThat(objectIdFiles(off)).isEmpty();
	}

	private static List<Path> objectIdFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(".object-ids.")).toList();
		}
	}

	@Test
	void saysWhyAnEndpointThatIsExposedButNotAccessibleIsMissing(CapturedOutput output) {
		String hint = "The v8heapsnapshot endpoint is exposed over the web but not accessible";
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp,
					"management.endpoints.web.exposure.include=health,v8heapsnapshot")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains(hint);
		int logged = output.toString().length();
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp,
					"management.endpoints.web.exposure.include=*",
					"management.endpoint.v8heapsnapshot.access=unrestricted")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp,
					"management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=v8heapsnapshot")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.toString().substring(logged)).doesNotContain(hint);
	}

	@Test
	void warnsAboutAMisspeltProperty(CapturedOutput output) {
		this.contextRunner.withPropertyValues("v8heapsnapshot.directory=" + this.temp)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains(
				"Ignoring unknown property 'v8heapsnapshot.directory', did you mean 'v8heapsnapshot.storage.directory'?");
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
				assertThat(context.getBean(HeapSnapshotStore.class).getDirectory().getPath())
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
		String stem = "Heap.20260101.120000." + ProcessHandle.current().pid() + ".0.001";
		Path work = Files.createDirectory(this.temp.resolve("." + stem + ".work"));
		Path dump = Files.createFile(this.temp.resolve("." + stem + ".hprof"));
		Files.createFile(work.resolve(".." + stem + ".heapsnapshot.part"));
		Path index = Files.createDirectories(this.temp.resolve("." + stem + ".index/v8heapsnapshot-1")).getParent();
		Files.createFile(index.resolve("v8heapsnapshot-1/ids"));
		Path orphanDescriptor = Files.createFile(this.temp.resolve(stem + ".heapsnapshot.json"));
		Path orphanDump = Files.createFile(this.temp.resolve(stem + ".hprof"));
		String stored = "Heap.20260101.120000." + ProcessHandle.current().pid() + ".0.002";
		List<Path> storedFiles = List.of(Files.createFile(this.temp.resolve(stored + ".heapsnapshot")),
				Files.createFile(this.temp.resolve(stored + ".heapsnapshot.json")),
				Files.createFile(this.temp.resolve(stored + ".hprof")));
		Files.createFile(work.resolve(".owner.lock"));
		// Another process with the same id, as replicas in containers are: its lock is held
		Path otherProcessWork = Files.createDirectory(this.temp.resolve("." + stem.replace(".0.", ".7.") + ".work"));
		Path unrelated = Files.createFile(this.temp.resolve("notes.txt"));
		try (FileChannel lock = FileChannel.open(otherProcessWork.resolve(".owner.lock"), StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE); FileLock held = lock.lock()) {
			this.contextRunner.withPropertyValues("v8heapsnapshot.storage.directory=" + this.temp)
				.run((context) -> assertThat(context).hasNotFailed());
		}
		assertThat(work).doesNotExist();
		assertThat(dump).doesNotExist();
		assertThat(index).doesNotExist();
		assertThat(orphanDescriptor).doesNotExist();
		assertThat(orphanDump).doesNotExist();
		assertThat(storedFiles).allSatisfy((file) -> assertThat(file).exists());
		assertThat(otherProcessWork).exists();
		assertThat(unrelated).exists();
	}

	@Test
	void backsOffFromUserStore() {
		this.contextRunner.withBean("customStore", HeapSnapshotStore.class, () -> new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp)))
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
				() -> new HeapSnapshotService(new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp)), new HotSpotHeapDumper(),
						ConversionOptions.defaults()))
			.run((context) -> assertThat(context).hasSingleBean(HeapSnapshotService.class).hasBean("customService"));
	}

}
