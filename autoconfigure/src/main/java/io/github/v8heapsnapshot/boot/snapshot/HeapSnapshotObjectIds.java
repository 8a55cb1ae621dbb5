package io.github.v8heapsnapshot.boot.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;

/**
 * The object id table of this JVM in the store's directory, which gives an object the same
 * id in every snapshot that this process takes, so that Chrome DevTools' Comparison and
 * memlab match objects across them. The table is emptied when no snapshot of this process
 * is left, keeping only the next free id so that no id is ever reused. While it runs, the
 * process holds an operating system lock beside its table, so that the tables of processes
 * that no longer run can be told from those of live ones that share the directory, whatever
 * their process ids, and deleted. Nothing holds across a restart: a new JVM starts a new
 * table.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotObjectIds implements Closeable {

	private static final Log logger = LogFactory.getLog(HeapSnapshotObjectIds.class);

	private static final String PREFIX = ".object-ids.";

	private static final String LOCK = ".lock";

	// A table, the next one being written beside it, or its lock, of the process that the group names
	private static final Pattern TABLE = Pattern.compile("\\.object-ids\\.(\\d+\\.\\d+)(\\..+\\.next|\\.lock)?");

	private final Path directory;

	private final String process = HeapSnapshotNames.process();

	private @Nullable FileLock owner;

	/**
	 * Creates the table of this JVM in a directory.
	 * @param directory the store's directory
	 */
	public HeapSnapshotObjectIds(Path directory) {
		this.directory = directory;
	}

	/**
	 * Returns the table file of this JVM.
	 * @return the file, which may not exist yet
	 */
	public Path file() {
		return this.directory.resolve(PREFIX + this.process);
	}

	/**
	 * Returns conversion options that continue the ids through this JVM's table, after
	 * locking it, the first time, and deleting the tables of processes that no longer run.
	 * @param options the options to extend
	 * @return the options with the table
	 * @throws IOException if the directory cannot be read, the lock taken or a table deleted
	 */
	public synchronized ConversionOptions applyTo(ConversionOptions options) throws IOException {
		if (this.owner == null) {
			Files.createDirectories(this.directory);
			// Held until this JVM ends: the operating system releases it however the process dies
			Path lock = lockFile(file());
			FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			if (Files.getFileStore(lock).supportsFileAttributeView(PosixFileAttributeView.class)) {
				Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-------"));
			}
			this.owner = channel.lock();
			deleteStaleTables();
		}
		return options.withObjectIds(file());
	}

	/**
	 * Empties this JVM's table if none of the given snapshots was taken by this process.
	 * @param snapshots the snapshots that are kept
	 * @throws IOException if the table cannot be emptied
	 */
	public synchronized void retainFor(List<HeapSnapshotDescriptor> snapshots) throws IOException {
		boolean needed = snapshots.stream().anyMatch((snapshot) -> HeapSnapshotNames.isOfThisProcess(snapshot.name()));
		if (!needed) {
			HeapSnapshotConverter.clearObjectIds(file());
		}
	}

	/**
	 * Deletes the tables of processes that no longer run, as at start-up.
	 * @throws IOException if the directory cannot be read or a table deleted
	 */
	public synchronized void deleteStaleTables() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, PREFIX + "*")) {
			for (Path file : files) {
				Matcher table = TABLE.matcher(file.getFileName().toString());
				if (!table.matches() || table.group(1).equals(this.process)) {
					continue;
				}
				Path lock = lockFile(this.directory.resolve(PREFIX + table.group(1)));
				if (!isOwned(lock)) {
					logger.debug("Deleting the object id table '" + file + "' of a process that no longer runs");
					Files.deleteIfExists(file);
					Files.deleteIfExists(lock);
				}
			}
		}
	}

	/**
	 * Releases this JVM's lock, as when the application stops; the next snapshot takes it
	 * again.
	 * @throws IOException if the lock cannot be released
	 */
	@Override
	public synchronized void close() throws IOException {
		FileLock owner = this.owner;
		if (owner != null) {
			this.owner = null;
			owner.acquiredBy().close();
		}
	}

	private static Path lockFile(Path table) {
		return table.resolveSibling(table.getFileName() + LOCK);
	}

	private static boolean isOwned(Path lock) throws IOException {
		if (!Files.exists(lock)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
				FileLock free = channel.tryLock()) {
			return free == null;
		}
		catch (OverlappingFileLockException ex) {
			return true;
		}
	}

}
