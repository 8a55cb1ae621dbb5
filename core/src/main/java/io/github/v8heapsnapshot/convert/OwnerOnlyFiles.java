package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files that only their owner may read, as the JVM does for its heap dumps: a
 * snapshot holds the heap's secrets.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class OwnerOnlyFiles {

	private static final Set<OpenOption> CREATE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates a file for writing, replacing any earlier one so that its permissions are
	 * set from the start.
	 * @param file the file
	 * @return a channel to write it
	 * @throws IOException if the file cannot be created
	 */
	static FileChannel create(Path file) throws IOException {
		Files.deleteIfExists(file);
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return FileChannel.open(file, CREATE, OWNER_ONLY);
		}
		return FileChannel.open(file, CREATE);
	}

}
