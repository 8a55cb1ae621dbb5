package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.ids.ObjectIds;

/**
 * The object id table of this JVM in the store's directory, which gives an object the same
 * id in every snapshot that this process takes, so that Chrome DevTools' Comparison and
 * memlab match objects across them. The table is emptied when no snapshot of this process
 * is left, keeping only the next free id so that no id is ever reused; tables of processes
 * that no longer run are deleted. Nothing holds across a restart: a new JVM starts a new
 * table.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotObjectIds {

	private static final Log logger = LogFactory.getLog(HeapSnapshotObjectIds.class);

	private static final String PREFIX = ".object-ids.";

	private final Path directory;

	private final long pid = ProcessHandle.current().pid();

	private boolean cleaned;

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
		return this.directory.resolve(PREFIX + this.pid);
	}

	/**
	 * Returns conversion options that continue the ids through this JVM's table, after
	 * deleting, the first time, the tables of processes that no longer run (and one of this
	 * process id older than this JVM, which another process left).
	 * @param options the options to extend
	 * @return the options with the table
	 * @throws IOException if the directory cannot be read or a table deleted
	 */
	public synchronized ConversionOptions applyTo(ConversionOptions options) throws IOException {
		if (!this.cleaned) {
			deleteStaleTables();
			this.cleaned = true;
		}
		return options.withObjectIds(file());
	}

	/**
	 * Empties this JVM's table if none of the given snapshots was taken by this process.
	 * @param snapshots the snapshots that are kept
	 * @throws IOException if the table cannot be emptied
	 */
	public synchronized void retainFor(List<HeapSnapshotDescriptor> snapshots) throws IOException {
		boolean needed = snapshots.stream().anyMatch((snapshot) -> HeapSnapshotNames.pid(snapshot.name()) == this.pid);
		if (!needed) {
			ObjectIds.clear(file());
		}
	}

	private void deleteStaleTables() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		FileTime started = FileTime.fromMillis(ManagementFactory.getRuntimeMXBean().getStartTime());
		try (DirectoryStream<Path> tables = Files.newDirectoryStream(this.directory, PREFIX + "*")) {
			for (Path table : tables) {
				long owner = pid(table);
				boolean stale = (owner == this.pid) ? Files.getLastModifiedTime(table).compareTo(started) < 0
						: owner > 0 && ProcessHandle.of(owner).isEmpty();
				if (stale) {
					logger.debug("Deleting the object id table '" + table + "' of a process that no longer runs");
					Files.deleteIfExists(table);
				}
			}
		}
	}

	/**
	 * Returns the process id in the name of a table, or of the next table being written
	 * beside it, or -1 for another file.
	 */
	private static long pid(Path table) {
		String rest = table.getFileName().toString().substring(PREFIX.length());
		int dot = rest.indexOf('.');
		try {
			return Long.parseLong((dot < 0) ? rest : rest.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
