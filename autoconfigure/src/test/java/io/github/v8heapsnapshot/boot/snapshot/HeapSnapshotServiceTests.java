package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HeapSnapshotService}, with real dumps of the test JVM.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotServiceTests {

	@TempDir
	Path temp;

	@Test
	void takesAndStoresASnapshotOfTheRunningJvm() throws IOException {
		HeapSnapshotService service = service(this.temp, new HotSpotHeapDumper());
		List<String> events = new ArrayList<>();
		service.setListeners(List.of(new RecordingListener(events)));
		HeapSnapshotDescriptor descriptor = service.takeSnapshot(SnapshotTrigger.API, null);
		assertThat(descriptor.trigger()).isEqualTo(SnapshotTrigger.API);
		assertThat(descriptor.live()).isTrue();
		assertThat(descriptor.nodeCount()).isPositive();
		assertThat(descriptor.hprofBytes()).isGreaterThan(descriptor.nodeCount());
		Path file = service.file(descriptor.name());
		assertThat(file).isNotNull().hasParent(this.temp);
		assertThat(Files.size(file)).isEqualTo(descriptor.snapshotBytes());
		assertThat(startOf(file, 20)).isEqualTo("{\"snapshot\":{\"meta\":");
		assertThat(service.list()).containsExactly(descriptor);
		assertThat(filesIn(this.temp)).containsExactlyInAnyOrder(descriptor.name(), descriptor.name() + ".json");
		assertThat(events).containsExactly("started api", "dump success", "convert success",
				"stored " + descriptor.name(), "ended api");
	}

	@Test
	void keepsTheDumpWhenAsked() throws IOException {
		HeapSnapshotService service = service(this.temp, new HotSpotHeapDumper());
		service.setKeepHprof(true);
		service.setLive(false);
		HeapSnapshotDescriptor descriptor = service.takeSnapshot(SnapshotTrigger.API, null);
		assertThat(descriptor.live()).isFalse();
		Path hprof = this.temp.resolve(HeapSnapshotNames.stem(descriptor.name()) + ".hprof");
		assertThat(startOf(hprof, 18)).isEqualTo("JAVA PROFILE 1.0.2");
		assertThat(Files.size(hprof)).isEqualTo(descriptor.hprofBytes());
		assertThat(service.delete(descriptor.name())).isTrue();
		assertThat(filesIn(this.temp)).isEmpty();
	}

	@Test
	void failedConversionLeavesNoFiles() {
		HeapDumper notHprof = (file, live) -> Files.writeString(file, "not a heap dump");
		HeapSnapshotService service = service(this.temp, notHprof);
		List<String> events = new ArrayList<>();
		service.setListeners(List.of(new RecordingListener(events)));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> service.takeSnapshot(SnapshotTrigger.API, null));
		assertThat(filesIn(this.temp)).isEmpty();
		assertThat(events).containsExactly("started api", "dump success", "convert failure", "ended api");
	}

	@Test
	void interruptedSnapshotLeavesNoFiles() {
		HeapSnapshotService service = service(this.temp, new HotSpotHeapDumper());
		service.setListeners(List.of(new HeapSnapshotListener() {

			@Override
			public void phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, Duration duration, boolean success) {
				if (phase == SnapshotPhase.DUMP) {
					Thread.currentThread().interrupt();
				}
			}

		}));
		try {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> service.takeSnapshot(SnapshotTrigger.SCHEDULED, null));
		}
		finally {
			Thread.interrupted();
		}
		assertThat(filesIn(this.temp)).isEmpty();
	}

	@Test
	void openedSnapshotIsReadWholeAfterItIsDeleted() throws IOException {
		HeapSnapshotService service = service(this.temp, new HotSpotHeapDumper());
		try (OpenHeapSnapshot snapshot = service.takeAndOpenSnapshot(SnapshotTrigger.ENDPOINT, null)) {
			byte[] stored = Files.readAllBytes(snapshot.file());
			assertThat(service.delete(snapshot.descriptor().name())).isTrue();
			assertThat(snapshot.file()).doesNotExist();
			assertThat(Channels.newInputStream(snapshot.channel()).readAllBytes()).isEqualTo(stored)
				.hasSize((int) snapshot.descriptor().snapshotBytes());
		}
	}

	@Test
	void servicesSharingALockTakeOneSnapshotAtATime() throws Exception {
		CountDownLatch dumping = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		HeapDumper blocking = (file, live) -> {
			dumping.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new IOException("Dump abandoned");
		};
		HeapSnapshotLock lock = new HeapSnapshotLock();
		HeapSnapshotService first = service(this.temp.resolve("first"), blocking, lock);
		HeapSnapshotService second = service(this.temp.resolve("second"), new HotSpotHeapDumper(), lock);
		List<String> events = new ArrayList<>();
		second.setListeners(List.of(new RecordingListener(events)));
		CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
			try {
				first.takeSnapshot(SnapshotTrigger.API, null);
			}
			catch (IOException ex) {
				// Expected: the blocking dumper gives up
			}
		});
		assertThat(dumping.await(10, TimeUnit.SECONDS)).isTrue();
		assertThatExceptionOfType(SnapshotInProgressException.class)
			.isThrownBy(() -> second.takeSnapshot(SnapshotTrigger.ENDPOINT, null));
		release.countDown();
		running.get(10, TimeUnit.SECONDS);
		assertThat(events).containsExactly("rejected endpoint");
		assertThat(filesIn(this.temp.resolve("first"))).isEmpty();
	}

	private static HeapSnapshotService service(Path directory, HeapDumper dumper) {
		return service(directory, dumper, new HeapSnapshotLock());
	}

	private static HeapSnapshotService service(Path directory, HeapDumper dumper, HeapSnapshotLock lock) {
		HeapSnapshotService service = new HeapSnapshotService(
				new HeapSnapshotStore(new HeapSnapshotDirectory(directory)), dumper, ConversionOptions.defaults(),
				lock, Clock.systemDefaultZone());
		service.setBusyWait(Duration.ZERO);
		return service;
	}

	private static String startOf(Path file, int length) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
		}
	}

	private static List<String> filesIn(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record RecordingListener(List<String> events) implements HeapSnapshotListener {

		@Override
		public void started(SnapshotTrigger trigger) {
			this.events.add("started " + trigger.value());
		}

		@Override
		public void phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, Duration duration, boolean success) {
			this.events.add(phase.value() + " " + (success ? "success" : "failure"));
		}

		@Override
		public void stored(HeapSnapshotDescriptor descriptor) {
			this.events.add("stored " + descriptor.name());
		}

		@Override
		public void ended(SnapshotTrigger trigger) {
			this.events.add("ended " + trigger.value());
		}

		@Override
		public void rejected(SnapshotTrigger trigger) {
			this.events.add("rejected " + trigger.value());
		}

	}

}
