package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HeapSnapshotObjectIds}: the id table of this process lives beside its
 * snapshots, is emptied with the last of them, and the tables of other processes that no
 * longer run are deleted.
 *
 * @author v8heapsnapshot developers
 */
class HeapSnapshotObjectIdsTests {

	/** The size of a table without records: its header. */
	private static final long EMPTY_TABLE = 40;

	@TempDir
	Path temp;

	@Test
	void theTableFollowsTheSnapshotsOfThisProcess() throws IOException {
		HeapSnapshotObjectIds objectIds = new HeapSnapshotObjectIds(this.temp);
		HeapSnapshotStore store = new HeapSnapshotStore(new HeapSnapshotDirectory(this.temp));
		HeapSnapshotService service = new HeapSnapshotService(store, new HotSpotHeapDumper(),
				ConversionOptions.defaults());
		service.setBusyWait(Duration.ZERO);
		service.setObjectIds(objectIds);
		HeapSnapshotDescriptor first = service.takeSnapshot(SnapshotTrigger.API, null);
		long filled = Files.size(objectIds.file());
		// 16 bytes per object of the dump: the snapshot's nodes but the synthetic ones, and the
		// arrays folded into their Strings
		assertThat((filled - EMPTY_TABLE) % 16).isZero();
		assertThat((filled - EMPTY_TABLE) / 16).isGreaterThan(first.nodeCount() - 12);
		HeapSnapshotDescriptor second = service.takeSnapshot(SnapshotTrigger.API, null);
		assertThat(service.delete(first.name())).isTrue();
		assertThat(Files.size(objectIds.file())).isGreaterThan(EMPTY_TABLE);
		assertThat(service.delete(second.name())).isTrue();
		assertThat(objectIds.file()).hasSize(EMPTY_TABLE);
		service.takeSnapshot(SnapshotTrigger.API, null);
		assertThat(Files.size(objectIds.file())).isGreaterThan(EMPTY_TABLE);
	}

	@Test
	void tablesOfProcessesThatNoLongerRunAreDeletedAtTheFirstSnapshot() throws IOException {
		HeapSnapshotObjectIds objectIds = new HeapSnapshotObjectIds(this.temp);
		Path gone = Files.writeString(this.temp.resolve(".object-ids.1.23"), "gone");
		Path goneLock = Files.writeString(this.temp.resolve(".object-ids.1.23.lock"), "");
		Path goneNext = Files.writeString(this.temp.resolve(".object-ids.1.23.4711.next"), "cut");
		Path running = Files.writeString(this.temp.resolve(".object-ids.1.45"), "running");
		Path other = Files.writeString(this.temp.resolve(".object-ids.notes"), "not a table");
		try (FileChannel channel = FileChannel.open(this.temp.resolve(".object-ids.1.45.lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
			ConversionOptions options = objectIds.applyTo(ConversionOptions.defaults());
			assertThat(options.objectIds()).isEqualTo(objectIds.file());
		}
		assertThat(gone).doesNotExist();
		assertThat(goneLock).doesNotExist();
		assertThat(goneNext).doesNotExist();
		assertThat(running).exists();
		assertThat(other).exists();
		assertThat(this.temp.resolve(objectIds.file().getFileName() + ".lock")).exists();
	}

}
