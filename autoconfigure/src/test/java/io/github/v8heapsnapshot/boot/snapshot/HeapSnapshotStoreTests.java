package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		this.store = new HeapSnapshotStore(new HeapSnapshotDirectory(this.directory));
		this.store.getDirectory().create();
	}

	@Test
	void storesSnapshotAndDescriptorForTheOwnerOnly() throws IOException {
		HeapSnapshotDescriptor descriptor = TestSnapshots.store(this.store, NOW, 100);
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
		HeapSnapshotDescriptor descriptor = TestSnapshots.store(this.store, NOW, 10);
		String json = Files.readString(this.directory.resolve(descriptor.name() + ".json"));
		assertThat(json).contains("\"name\":\"" + descriptor.name() + "\"")
			.contains("\"created\":\"2026-11-25T12:00:00Z\"")
			.contains("\"trigger\":\"api\"");
	}

	@Test
	void keepsTheDumpWhenAsked() throws IOException {
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		try (HeapSnapshotWorkspace workspace = this.store.getDirectory().createWorkspace(name)) {
			Files.writeString(workspace.hprof(), "JAVA PROFILE 1.0.2");
			Files.writeString(workspace.snapshot(), "{}");
			this.store.store(TestSnapshots.descriptor(name, NOW), workspace, true);
		}
		assertThat(filesIn(this.directory)).containsExactlyInAnyOrder(name, name + ".json",
				HeapSnapshotNames.stem(name) + ".hprof");
		this.store.delete(name);
		assertThat(filesIn(this.directory)).isEmpty();
	}

	@Test
	void listsCompleteSnapshotsOnlyNewestFirst() throws IOException {
		HeapSnapshotDescriptor older = TestSnapshots.store(this.store, NOW.minusSeconds(60), 10);
		HeapSnapshotDescriptor newer = TestSnapshots.store(this.store, NOW, 10);
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		Files.writeString(this.directory.resolve(name), "no descriptor");
		String converting = HeapSnapshotNames.next(LocalDateTime.now());
		try (HeapSnapshotWorkspace workspace = this.store.getDirectory().createWorkspace(converting)) {
			Files.writeString(workspace.snapshot(), "converting");
			Files.writeString(this.directory.resolve(HeapSnapshotNames.next(LocalDateTime.now()) + ".json"), "{}");
			assertThat(this.store.list()).containsExactly(newer, older);
			assertThat(this.store.snapshotFile(name)).isNull();
			assertThat(this.store.usage())
				.isEqualTo(new HeapSnapshotStore.Usage(2, sizeOf(older) + sizeOf(newer)));
		}
	}

	@Test
	void refusesNamesThatAreNotSnapshotNames() throws IOException {
		HeapSnapshotDescriptor descriptor = TestSnapshots.store(this.store, NOW, 10);
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
	void deletesSnapshotWithItsCompanions() throws IOException {
		HeapSnapshotDescriptor descriptor = TestSnapshots.store(this.store, NOW, 10);
		Files.writeString(this.store.getDirectory().summary(descriptor.name()), "{}");
		assertThat(this.store.delete(descriptor.name())).isTrue();
		assertThat(filesIn(this.directory)).isEmpty();
		assertThat(this.store.delete(descriptor.name())).isFalse();
	}

	private long sizeOf(HeapSnapshotDescriptor descriptor) throws IOException {
		return Files.size(this.directory.resolve(descriptor.name()))
				+ Files.size(this.directory.resolve(descriptor.name() + ".json"));
	}

	static List<String> filesIn(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
