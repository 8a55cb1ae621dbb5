package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.springframework.util.unit.DataSize;

/**
 * Decides whether a snapshot may go ahead: before the dump, whether the storage directory
 * has room for the dump, the snapshot and the converter's index files; before the
 * conversion, whether enough heap is free for it. Also tells a full disk from other
 * write failures.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotAdmission {

	/**
	 * How many times the used heap the HPROF dump may take while it is written: JDK 22
	 * and later write segments in parallel and then merge them into the dump.
	 */
	private static final double DUMP_SPACE_FACTOR = 2.5;

	/**
	 * How many times the used heap the snapshot and the engine's index files may take.
	 */
	private static final double SNAPSHOT_SPACE_FACTOR = 2;

	/**
	 * Free space under which a failed write is taken for a full disk.
	 */
	private static final long FULL_DISK = DataSize.ofMegabytes(16).toBytes();

	private long freeHeapReserve = DataSize.ofMegabytes(64).toBytes();

	/**
	 * Sets the free heap under which a dump is not converted. The conversion needs at
	 * most 64 MB of heap, whatever the size of the dump.
	 * @param freeHeapReserve the free heap in bytes
	 */
	public void setFreeHeapReserve(long freeHeapReserve) {
		this.freeHeapReserve = freeHeapReserve;
	}

	/**
	 * Refuses a snapshot whose dump and conversion are not expected to fit on the disk of
	 * a directory.
	 * @param directory the storage directory
	 * @throws InsufficientDiskSpaceException if the directory has too little free space
	 * @throws IOException if its file store cannot be queried
	 */
	public void checkDiskSpace(Path directory) throws IOException {
		long used = usedHeap();
		long needed = (long) (used * DUMP_SPACE_FACTOR + used * SNAPSHOT_SPACE_FACTOR);
		long usable = usableSpace(directory);
		if (usable < needed) {
			throw new InsufficientDiskSpaceException("Not enough free disk space for a heap snapshot: about "
					+ size(needed) + " needed for " + size(used) + " of used heap, " + size(usable) + " free");
		}
	}

	/**
	 * Refuses to convert when less heap is free than the reserve. The dump has just run,
	 * after a full garbage collection when live, so what is used is mostly what the
	 * application holds.
	 * @throws InsufficientHeapException if too little heap is free
	 */
	public void checkFreeHeap() {
		long max = maxHeap();
		long free = max - usedHeap();
		if (max > 0 && free < this.freeHeapReserve) {
			throw new InsufficientHeapException("Not enough free heap to convert the heap dump: " + size(free)
					+ " free of " + size(max) + ", the conversion may need " + size(this.freeHeapReserve)
					+ "; try again when the application holds less");
		}
	}

	/**
	 * Returns whether one of the given directories is on a disk that has filled up,
	 * after a failed dump or conversion whose files are still there.
	 * @param directories the directories written to
	 * @return {@code true} if the disk of one of them is full
	 */
	public boolean isDiskFull(Path... directories) {
		try {
			for (Path directory : directories) {
				if (usableSpace(directory) < FULL_DISK) {
					return true;
				}
			}
		}
		catch (IOException ex) {
			// The file store is gone too: not a full disk that can be told
		}
		return false;
	}

	/**
	 * Returns the bytes of heap in use, from which the size of the dump is estimated.
	 * @return the used heap in bytes
	 */
	protected long usedHeap() {
		return heapUsage().getUsed();
	}

	/**
	 * Returns the most bytes the heap may grow to.
	 * @return the maximum heap in bytes, or -1 if undefined
	 */
	protected long maxHeap() {
		return heapUsage().getMax();
	}

	/**
	 * Returns the bytes available to this JVM on the file store of a directory.
	 * @param directory the directory
	 * @return the usable space in bytes
	 * @throws IOException if the file store cannot be queried
	 */
	protected long usableSpace(Path directory) throws IOException {
		return Files.getFileStore(directory).getUsableSpace();
	}

	private static MemoryUsage heapUsage() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
	}

	private static String size(long bytes) {
		if (bytes >= DataSize.ofGigabytes(1).toBytes()) {
			return String.format(Locale.ROOT, "%.1f GB", bytes / (double) DataSize.ofGigabytes(1).toBytes());
		}
		if (bytes >= DataSize.ofMegabytes(1).toBytes()) {
			return DataSize.ofBytes(bytes).toMegabytes() + " MB";
		}
		return bytes + " bytes";
	}

}
