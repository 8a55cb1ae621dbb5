package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapSnapshotStore}.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotStoreTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	@TempDir
	Path temp;

	private Path directory;

	private HeapSnapshotStore store;

	@BeforeEach
	void createStore() throws IOException {
		this.directory = this.temp.resolve("snapshots");
		this.store = new HeapSnapshotStore(this.directory, Clock.fixed(NOW, ZoneOffset.UTC));
		this.store.createDirectory();
	}

	@Test
	void createsDirectoryForTheOwnerOnly() throws IOException {
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory)))
			.isEqualTo("rwx------");
	}

	@Test
	void storesSnapshotAndDescriptorForTheOwnerOnly() throws IOException {
		HeapSnapshotDescriptor descriptor = store(NOW, 100);
		Path file = this.store.snapshotFile(descriptor.name());
		assertThat(file).isEqualTo(this.directory.resolve(descriptor.name())).hasContent("x".repeat(100));
		assertThat(this.store.descriptor(descriptor.name())).isEqualTo(descriptor);
		assertThat(this.store.list()).containsExactly(descriptor);
		assertThat(filesIn(this.directory)).containsExactlyInAnyOrder(descriptor.name(),
				descriptor.name() + ".json");
		for (String name : filesIn(this.directory)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.directory.resolve(name))))
				.isEqualTo("rw-------");
		}
	}

	@Test
	void descriptorIsReadableJson() throws IOException {
		HeapSnapshotDescriptor descriptor = store(NOW, 10);
		String json = Files.readString(this.directory.resolve(descriptor.name() + ".json"));
		assertThat(json).contains("\"name\":\"" + descriptor.name() + "\"")
			.contains("\"created\":\"2026-11-25T12:00:00Z\"")
			.contains("\"trigger\":\"api\"");
	}

	@Test
	void keepsTheDumpWhenAsked() throws IOException {
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		Path work = this.store.createWorkDirectory(name);
		Files.writeString(this.store.temporaryHprof(name), "JAVA PROFILE 1.0.2");
		Files.writeString(work.resolve(name), "{}");
		this.store.store(descriptor(name, NOW), work, true);
		FileSystemUtils.deleteRecursively(work);
		assertThat(filesIn(this.directory)).containsExactlyInAnyOrder(name, name + ".json",
				HeapSnapshotNames.stem(name) + ".hprof");
		this.store.delete(name);
		assertThat(filesIn(this.directory)).isEmpty();
	}

	@Test
	void listsCompleteSnapshotsOnlyNewestFirst() throws IOException {
		HeapSnapshotDescriptor older = store(NOW.minusSeconds(60), 10);
		HeapSnapshotDescriptor newer = store(NOW, 10);
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		Files.writeString(this.directory.resolve(name), "no descriptor");
		String converting = HeapSnapshotNames.next(LocalDateTime.now());
		Files.writeString(this.store.createWorkDirectory(converting).resolve(converting), "converting");
		Files.writeString(this.directory.resolve(HeapSnapshotNames.next(LocalDateTime.now()) + ".json"), "{}");
		assertThat(this.store.list()).containsExactly(newer, older);
		assertThat(this.store.snapshotFile(name)).isNull();
		assertThat(this.store.usage()).isEqualTo(new HeapSnapshotStore.Usage(2, sizeOf(older) + sizeOf(newer)));
	}

	@Test
	void refusesNamesThatAreNotSnapshotNames() throws IOException {
		HeapSnapshotDescriptor descriptor = store(NOW, 10);
		Files.writeString(this.temp.resolve("secret.txt"), "secret");
		for (String name : List.of("../secret.txt", "..", ".", "", "/etc/passwd", "../snapshots/" + descriptor.name(),
				descriptor.name() + "/../../secret.txt", "." + descriptor.name(), descriptor.name() + ".json")) {
			assertThat(this.store.snapshotFile(name)).as(name).isNull();
			assertThat(this.store.descriptor(name)).as(name).isNull();
			assertThat(this.store.delete(name)).as(name).isFalse();
		}
		assertThat(this.temp.resolve("secret.txt")).exists();
		assertThat(this.store.list()).containsExactly(descriptor);
	}

	@Test
	void neverFollowsSymbolicLinks() throws IOException {
		Path outside = Files.writeString(this.temp.resolve("outside"), "secret");
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		Files.createSymbolicLink(this.directory.resolve(name), outside);
		Files.writeString(this.directory.resolve(name + ".json"), "{}");
		assertThat(this.store.snapshotFile(name)).isNull();
		assertThat(this.store.list()).isEmpty();
		assertThat(this.store.delete(name)).isFalse();
		assertThat(outside).hasContent("secret");
	}

	@Test
	void createsHiddenOwnerOnlyWorkAndIndexDirectories() throws IOException {
		this.store.setTemporaryDirectory(this.temp.resolve("index"));
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		Path work = this.store.createWorkDirectory(name);
		Path index = this.store.createIndexDirectory(name);
		assertThat(work).isDirectory().hasParent(this.directory);
		assertThat(work.getFileName().toString()).isEqualTo("." + HeapSnapshotNames.stem(name) + ".work");
		assertThat(index).isDirectory().hasParent(this.temp.resolve("index"));
		assertThat(index.getFileName().toString()).isEqualTo("." + HeapSnapshotNames.stem(name) + ".index");
		for (Path directory : List.of(work, index)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		}
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void removesFilesLeftInProgressByThisProcess() throws IOException {
		this.store.setTemporaryDirectory(this.temp.resolve("index"));
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		Path work = this.store.createWorkDirectory(name);
		Path hprof = Files.writeString(this.store.temporaryHprof(name), "JAVA PROFILE 1.0.2");
		Files.writeString(work.resolve(name), "converting");
		Path index = this.store.createIndexDirectory(name);
		Files.writeString(Files.createDirectory(index.resolve("v8heapsnapshot-1")).resolve("ids"), "index");
		Path unrelated = Files.createDirectory(this.temp.resolve("index/other"));
		this.store.removeTemporaryFiles();
		assertThat(work).doesNotExist();
		assertThat(hprof).doesNotExist();
		assertThat(index).doesNotExist();
		assertThat(unrelated).exists();
	}

	@Test
	void deletesSnapshotWithItsDescriptor() throws IOException {
		HeapSnapshotDescriptor descriptor = store(NOW, 10);
		assertThat(this.store.delete(descriptor.name())).isTrue();
		assertThat(filesIn(this.directory)).isEmpty();
		assertThat(this.store.delete(descriptor.name())).isFalse();
	}

	@Test
	void retentionKeepsTheNewestWithinTheCount() throws IOException {
		this.store.setMaxCount(2);
		store(NOW.minusSeconds(3), 10);
		HeapSnapshotDescriptor second = store(NOW.minusSeconds(2), 10);
		HeapSnapshotDescriptor third = store(NOW.minusSeconds(1), 10);
		this.store.applyRetention();
		assertThat(this.store.list()).containsExactly(third, second);
		assertThat(filesIn(this.directory)).hasSize(4);
	}

	@Test
	void retentionKeepsTheNewestWithinTheTotalSize() throws IOException {
		HeapSnapshotDescriptor first = store(NOW.minusSeconds(3), 1000);
		HeapSnapshotDescriptor second = store(NOW.minusSeconds(2), 1000);
		HeapSnapshotDescriptor third = store(NOW.minusSeconds(1), 1000);
		this.store.setMaxTotalSize(sizeOf(third) + sizeOf(second) + sizeOf(first) - 1);
		this.store.applyRetention();
		assertThat(this.store.list()).containsExactly(third, second);
	}

	@Test
	void retentionKeepsTheNewestWithinTheAge() throws IOException {
		this.store.setMaxAge(Duration.ofHours(1));
		store(NOW.minus(Duration.ofHours(2)), 10);
		HeapSnapshotDescriptor recent = store(NOW.minus(Duration.ofMinutes(30)), 10);
		this.store.applyRetention();
		assertThat(this.store.list()).containsExactly(recent);
	}

	@Test
	void retentionAlwaysKeepsTheNewest() throws IOException {
		this.store.setMaxAge(Duration.ofHours(1));
		this.store.setMaxTotalSize(1);
		HeapSnapshotDescriptor old = store(NOW.minus(Duration.ofDays(2)), 1000);
		this.store.applyRetention();
		assertThat(this.store.list()).containsExactly(old);
	}

	private HeapSnapshotDescriptor store(Instant created, int size) throws IOException {
		String name = HeapSnapshotNames.next(LocalDateTime.ofInstant(created, ZoneOffset.UTC));
		Path work = this.store.createWorkDirectory(name);
		Files.writeString(work.resolve(name), "x".repeat(size));
		HeapSnapshotDescriptor descriptor = descriptor(name, created);
		this.store.store(descriptor, work, false);
		FileSystemUtils.deleteRecursively(work);
		return descriptor;
	}

	private static HeapSnapshotDescriptor descriptor(String name, Instant created) {
		return new HeapSnapshotDescriptor(name, created, SnapshotTrigger.API, true, 20, 10, 3, 2, 5, 7);
	}

	private long sizeOf(HeapSnapshotDescriptor descriptor) throws IOException {
		return Files.size(this.directory.resolve(descriptor.name()))
				+ Files.size(this.directory.resolve(descriptor.name() + ".json"));
	}

	private static List<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
