package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that {@link HeapSnapshotConverter} writes snapshots that only their owner may
 * read, as the JVM writes its dumps: a snapshot holds the heap's secrets.
 *
 * @author v8heapsnapshot developers
 */
class SnapshotPermissionsTests {

	@TempDir
	Path directory;

	@Test
	void writesTheSnapshotForItsOwnerOnly() throws IOException {
		Path file = FixtureConversions.of(FixtureConversions.JVMS.get(0)).file();
		assumeTrue(isPosix(file));
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void replacesASnapshotOthersCouldReadWithAnOwnerOnlyOne() throws IOException {
		assumeTrue(isPosix(this.directory));
		Path hprof = FixtureConversions.of(FixtureConversions.JVMS.get(0)).dump().hprof();
		Path snapshot = this.directory.resolve("replaced.heapsnapshot");
		Files.writeString(snapshot, "old");
		Files.setPosixFilePermissions(snapshot, PosixFilePermissions.fromString("rw-r--r--"));
		new HeapSnapshotConverter(ConversionOptions.defaults()).convert(hprof, snapshot);
		assertThat(Files.getPosixFilePermissions(snapshot)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		assertThat(Files.size(snapshot)).isGreaterThan(3);
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
