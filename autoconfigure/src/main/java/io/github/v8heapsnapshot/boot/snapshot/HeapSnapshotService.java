package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

/**
 * Takes heap snapshots of the running JVM: dumps the heap to a temporary HPROF file in the
 * store's directory, converts it with the live JVM's object layout, stores the
 * {@code .heapsnapshot} under a generated name and applies the retention limits. Only one
 * snapshot is taken at a time in the whole JVM. Usable from application code.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotService {

	private static final Log logger = LogFactory.getLog(HeapSnapshotService.class);

	// The heap belongs to the JVM, so every service in it shares one lock
	private static final Lock lock = new ReentrantLock();

	/**
	 * How many times the used heap the HPROF dump may take while it is written: JDK 22
	 * and later write segments in parallel and then merge them into the dump.
	 */
	private static final double DUMP_SPACE_FACTOR = 2.5;

	/**
	 * How many times the HPROF dump the snapshot and the engine's index files may take.
	 */
	private static final double SNAPSHOT_SPACE_FACTOR = 2;

	/**
	 * The most heap a conversion needs, whatever the size of the dump.
	 */
	private static final long CONVERSION_HEAP = DataSize.ofMegabytes(64).toBytes();

	/**
	 * Free space under which a failed write is taken for a full disk.
	 */
	private static final long FULL_DISK = DataSize.ofMegabytes(16).toBytes();

	private final HeapSnapshotStore store;

	private final HeapDumper heapDumper;

	private final ConversionOptions conversionOptions;

	private final Clock clock;

	private boolean live = true;

	private boolean keepHprof;

	private Duration busyWait = Duration.ofMillis(100);

	private List<HeapSnapshotListener> listeners = List.of();

	private @Nullable HeapSnapshotObjectIds objectIds;

	/**
	 * Creates a service.
	 * @param store where snapshots are stored
	 * @param heapDumper how the heap is dumped
	 * @param conversionOptions how dumps are converted; the object layout is replaced by
	 * the running JVM's, and the temporary directory by an index directory of the store
	 */
	public HeapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, ConversionOptions conversionOptions) {
		this(store, heapDumper, conversionOptions, Clock.systemDefaultZone());
	}

	/**
	 * Creates a service.
	 * @param store where snapshots are stored
	 * @param heapDumper how the heap is dumped
	 * @param conversionOptions how dumps are converted; the object layout is replaced by
	 * the running JVM's, and the temporary directory by an index directory of the store
	 * @param clock the clock that names and dates snapshots
	 */
	public HeapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, ConversionOptions conversionOptions,
			Clock clock) {
		this.store = store;
		this.heapDumper = heapDumper;
		this.conversionOptions = conversionOptions;
		this.clock = clock;
	}

	/**
	 * Sets whether snapshots include only live objects when the caller does not say.
	 * @param live whether to dump only live objects by default
	 */
	public void setLive(boolean live) {
		this.live = live;
	}

	/**
	 * Sets whether to keep the HPROF dump beside each snapshot.
	 * @param keepHprof whether to keep dumps
	 */
	public void setKeepHprof(boolean keepHprof) {
		this.keepHprof = keepHprof;
	}

	/**
	 * Sets how long to wait for a snapshot in progress before giving up.
	 * @param busyWait the wait
	 */
	public void setBusyWait(Duration busyWait) {
		this.busyWait = busyWait;
	}

	/**
	 * Sets the listeners to tell about snapshots.
	 * @param listeners the listeners
	 */
	public void setListeners(List<HeapSnapshotListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Sets the object id table that continues the ids of this JVM's objects from one
	 * snapshot to the next.
	 * @param objectIds the table, or {@code null} to number each snapshot's objects from
	 * scratch
	 */
	public void setObjectIds(@Nullable HeapSnapshotObjectIds objectIds) {
		this.objectIds = objectIds;
	}

	/**
	 * Returns the store of the snapshots.
	 * @return the store
	 */
	public HeapSnapshotStore getStore() {
		return this.store;
	}

	/**
	 * Takes a snapshot and stores it.
	 * @param trigger what asks for it
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @return the descriptor of the stored snapshot
	 * @throws IOException if dumping, converting or storing fails; no file is left
	 * behind
	 * @throws SnapshotInProgressException if another snapshot is in progress and does not
	 * end within the busy wait
	 * @throws HeapDumperUnavailableException if this JVM cannot dump its heap
	 * @throws InsufficientDiskSpaceException if the storage directory has too little free
	 * space, or fills up
	 * @throws InsufficientHeapException if too little heap is free to convert the dump
	 */
	public HeapSnapshotDescriptor takeSnapshot(SnapshotTrigger trigger, @Nullable Boolean live) throws IOException {
		if (!tryLock()) {
			this.listeners.forEach((listener) -> listener.rejected(trigger));
			throw new SnapshotInProgressException(
					"Another heap snapshot is in progress; try again when it is done");
		}
		try {
			return takeSnapshotLocked(trigger, (live != null) ? live : this.live);
		}
		finally {
			lock.unlock();
		}
	}

	private boolean tryLock() {
		try {
			return lock.tryLock(this.busyWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private HeapSnapshotDescriptor takeSnapshotLocked(SnapshotTrigger trigger, boolean live) throws IOException {
		Instant created = this.clock.instant();
		String name = HeapSnapshotNames.next(LocalDateTime.ofInstant(created, this.clock.getZone()));
		this.store.createDirectory();
		checkDiskSpace();
		this.listeners.forEach((listener) -> listener.started(trigger));
		try {
			Path work = this.store.createWorkDirectory(name);
			try {
				Path index = this.store.createIndexDirectory(name);
				try {
					return takeSnapshot(new Snapshot(name, created, trigger, live), work, index);
				}
				catch (IOException ex) {
					if (isDiskFull(index)) {
						logger.warn("Heap snapshot failed on a full disk", ex);
						throw new InsufficientDiskSpaceException(
								"Not enough free disk space: the disk filled up during the heap snapshot", ex);
					}
					throw ex;
				}
				finally {
					deleteTemporary(index);
				}
			}
			finally {
				deleteTemporary(work);
				deleteTemporary(this.store.temporaryHprof(name));
			}
		}
		finally {
			this.listeners.forEach((listener) -> listener.ended(trigger));
		}
	}

	private HeapSnapshotDescriptor takeSnapshot(Snapshot snapshot, Path work, Path index) throws IOException {
		Path hprof = this.store.temporaryHprof(snapshot.name());
		Duration dump = timed(SnapshotPhase.DUMP, snapshot.trigger(), () -> {
			this.heapDumper.dumpHeap(hprof, snapshot.live());
			return hprof;
		}).duration();
		checkFreeHeap();
		Timed<ConversionResult> conversion = timed(SnapshotPhase.CONVERT, snapshot.trigger(),
				() -> convert(hprof, work.resolve(snapshot.name()), index));
		HeapSnapshotDescriptor descriptor = snapshot.describe(conversion.value(), dump, conversion.duration());
		this.store.store(descriptor, work, this.keepHprof);
		this.listeners.forEach((listener) -> listener.stored(descriptor));
		this.store.applyRetention();
		return descriptor;
	}

	private void checkDiskSpace() throws IOException {
		long used = usedHeap();
		long needed = (long) (used * DUMP_SPACE_FACTOR + used * SNAPSHOT_SPACE_FACTOR);
		long usable = usableSpace(this.store.getDirectory());
		if (usable < needed) {
			throw new InsufficientDiskSpaceException("Not enough free disk space for a heap snapshot: about "
					+ size(needed) + " needed for " + size(used) + " of used heap, " + size(usable) + " free");
		}
	}

	/**
	 * Refuses to convert when less heap is free than a conversion may need. The dump has
	 * just run, after a full garbage collection when live, so what is used is mostly what
	 * the application holds.
	 */
	private void checkFreeHeap() {
		long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
		long free = max - usedHeap();
		if (max > 0 && free < CONVERSION_HEAP) {
			throw new InsufficientHeapException("Not enough free heap to convert the heap dump: " + size(free)
					+ " free of " + size(max) + ", the conversion may need " + size(CONVERSION_HEAP)
					+ "; try again when the application holds less");
		}
	}

	/**
	 * Returns whether the disk of the snapshots or of the index files has filled up, after
	 * a failed dump or conversion whose files are still there.
	 */
	private boolean isDiskFull(Path index) {
		try {
			return Math.min(usableSpace(this.store.getDirectory()), usableSpace(index)) < FULL_DISK;
		}
		catch (IOException ex) {
			return false;
		}
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

	/**
	 * Returns the bytes of heap in use, from which the size of the dump is estimated.
	 * @return the used heap in bytes
	 */
	protected long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
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

	private ConversionResult convert(Path hprof, Path snapshot, Path index) throws IOException {
		ConversionOptions options = this.conversionOptions.withLayout(ObjectLayout.ofRunningJvm())
			.withTempDirectory(index);
		if (this.objectIds != null) {
			options = this.objectIds.applyTo(options);
		}
		return new HeapSnapshotConverter(options).convert(hprof, snapshot);
	}

	private static void deleteTemporary(Path file) {
		try {
			FileSystemUtils.deleteRecursively(file);
		}
		catch (IOException ex) {
			logger.warn("Failed to delete temporary heap snapshot file '" + file + "'", ex);
		}
	}

	private <T> Timed<T> timed(SnapshotPhase phase, SnapshotTrigger trigger, Phase<T> action) throws IOException {
		long start = System.nanoTime();
		try {
			T value = action.run();
			return new Timed<>(value, phaseEnded(phase, trigger, start, true));
		}
		catch (IOException | RuntimeException ex) {
			phaseEnded(phase, trigger, start, false);
			throw ex;
		}
	}

	private Duration phaseEnded(SnapshotPhase phase, SnapshotTrigger trigger, long start, boolean success) {
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		this.listeners.forEach((listener) -> listener.phaseEnded(phase, trigger, duration, success));
		return duration;
	}

	/**
	 * Returns the descriptors of the stored snapshots, newest first.
	 * @return the descriptors
	 * @throws IOException if the storage directory cannot be read
	 */
	public List<HeapSnapshotDescriptor> list() throws IOException {
		return this.store.list();
	}

	/**
	 * Returns the file of a stored snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the file, or {@code null} if there is no snapshot of that name
	 */
	public @Nullable Path file(String name) {
		return this.store.snapshotFile(name);
	}

	/**
	 * Deletes a stored snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return whether a snapshot of that name existed
	 * @throws IOException if its files cannot be deleted
	 */
	public boolean delete(String name) throws IOException {
		boolean deleted = this.store.delete(name);
		if (deleted && this.objectIds != null) {
			this.objectIds.retainFor(this.store.list());
		}
		return deleted;
	}

	@FunctionalInterface
	private interface Phase<T> {

		T run() throws IOException;

	}

	private record Timed<T>(T value, Duration duration) {

	}

	private record Snapshot(String name, Instant created, SnapshotTrigger trigger, boolean live) {

		HeapSnapshotDescriptor describe(ConversionResult result, Duration dump, Duration conversion) {
			return new HeapSnapshotDescriptor(this.name, this.created, this.trigger, this.live, result.hprofBytes(),
					result.snapshotBytes(), result.nodeCount(), result.edgeCount(), dump.toMillis(),
					conversion.toMillis());
		}

	}

}
