package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapSnapshotDirectory} and its {@link HeapSnapshotWorkspace}s.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotDirectoryTests {

	@TempDir
	Path temp;

	@Test
	void createsDirectoryForTheOwnerOnly() throws IOException {
		HeapSnapshotDirectory directory = new HeapSnapshotDirectory(this.temp.resolve("a/snapshots"));
		directory.create();
		assertThat(permissions(this.temp.resolve("a/snapshots"))).isEqualTo("rwx------");
	}

	@Test
	void createsHiddenOwnerOnlyWorkAndIndexDirectories() throws IOException {
		HeapSnapshotDirectory directory = new HeapSnapshotDirectory(this.temp.resolve("snapshots"),
				this.temp.resolve("index"));
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		String stem = HeapSnapshotNames.stem(name);
		try (HeapSnapshotWorkspace workspace = directory.createWorkspace(name)) {
			Path work = workspace.snapshot().getParent();
			assertThat(work).isDirectory().hasParent(directory.getPath());
			assertThat(work.getFileName()).hasToString("." + stem + ".work");
			assertThat(workspace.index()).isDirectory().hasParent(this.temp.resolve("index"));
			assertThat(workspace.index().getFileName()).hasToString("." + stem + ".index");
			assertThat(workspace.hprof().getParent()).isEqualTo(directory.getPath());
			assertThat(workspace.hprof()).doesNotExist();
			assertThat(workspace.hprof().getFileName()).hasToString("." + stem + ".hprof");
			for (Path created : List.of(work, workspace.index())) {
				assertThat(permissions(created)).isEqualTo("rwx------");
			}
		}
	}

	@Test
	void closingTheWorkspaceDeletesWhatIsLeft() throws IOException {
		HeapSnapshotDirectory directory = new HeapSnapshotDirectory(this.temp.resolve("snapshots"),
				this.temp.resolve("index"));
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		try (HeapSnapshotWorkspace workspace = directory.createWorkspace(name)) {
			Files.writeString(workspace.hprof(), "JAVA PROFILE 1.0.2");
			Files.writeString(workspace.snapshot(), "converting");
			Files.writeString(Files.createDirectory(workspace.index().resolve("v8heapsnapshot-1")).resolve("ids"), "x");
		}
		assertThat(this.temp.resolve("snapshots")).isEmptyDirectory();
		assertThat(this.temp.resolve("index")).isEmptyDirectory();
	}

	@Test
	void removesFilesLeftInProgressByADeadProcessButNotThoseOfALiveOne() throws IOException {
		HeapSnapshotDirectory directory = new HeapSnapshotDirectory(this.temp.resolve("snapshots"),
				this.temp.resolve("index"));
		String live = HeapSnapshotNames.next(LocalDateTime.now());
		String dead = HeapSnapshotNames.next(LocalDateTime.now());
		String deadStem = HeapSnapshotNames.stem(dead);
		try (HeapSnapshotWorkspace workspace = directory.createWorkspace(live)) {
			Files.writeString(workspace.hprof(), "JAVA PROFILE 1.0.2");
			Files.writeString(workspace.snapshot(), "converting");
			// What a killed process leaves: its lock is free
			Path work = Files.createDirectory(directory.getPath().resolve("." + deadStem + ".work"));
			Files.writeString(work.resolve(".owner.lock"), "");
			Files.writeString(work.resolve(dead), "converting");
			Files.writeString(directory.getPath().resolve("." + deadStem + ".hprof"), "JAVA PROFILE 1.0.2");
			Path index = Files.createDirectories(this.temp.resolve("index/." + deadStem + ".index/v8heapsnapshot-1"));
			Path orphanSummary = Files.writeString(directory.summary(dead), "{}");
			Path unrelated = Files.createDirectory(this.temp.resolve("index/other"));
			directory.removeLeftOvers();
			assertThat(directory.getPath()).isDirectoryNotContaining("glob:**/*" + deadStem + "*");
			assertThat(index.getParent()).doesNotExist();
			assertThat(orphanSummary).doesNotExist();
			assertThat(unrelated).exists();
			assertThat(workspace.hprof()).exists();
			assertThat(workspace.snapshot()).exists();
			assertThat(workspace.index()).exists();
		}
	}

	@Test
	void namesThatAreNotSnapshotNamesHaveNoFile() {
		HeapSnapshotDirectory directory = new HeapSnapshotDirectory(this.temp);
		String name = HeapSnapshotNames.next(LocalDateTime.now());
		assertThat(directory.snapshot(name)).isEqualTo(this.temp.resolve(name));
		for (String notAName : List.of("../" + name, "..", "", "/etc/passwd", "." + name, name + ".json")) {
			assertThat(directory.snapshot(notAName)).as(notAName).isNull();
		}
	}

	private static String permissions(Path file) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
	}

}
