package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import io.github.v8heapsnapshot.boot.conversion.DumpConverter;
import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Takes heap snapshots of the running JVM: dumps the heap to a temporary HPROF file in a
 * {@link HeapSnapshotWorkspace}, converts it with the live JVM's object layout, stores the
 * {@code .heapsnapshot} under a generated name and applies the retention policy. One
 * snapshot is taken at a time per {@link HeapSnapshotLock}. Usable from application code.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotService {

	private static final Log logger = LogFactory.getLog(HeapSnapshotService.class);

	private final HeapSnapshotStore store;

	private final HeapDumper heapDumper;

	private final ConversionOptions conversionOptions;

	private final HeapSnapshotLock lock;

	private final Clock clock;

	private HeapSnapshotAdmission admission = new HeapSnapshotAdmission();

	private HeapSnapshotRetention retention = new HeapSnapshotRetention();

	private boolean live = true;

	private boolean keepHprof;

	private Duration busyWait = Duration.ofMillis(100);

	private List<HeapSnapshotListener> listeners = List.of();

	private DumpConverter converter = DumpConverter.inProcess();

	private @Nullable DumpConverter isolatedConverter;

	/**
	 * Creates a service with a lock of its own.
	 * @param store where snapshots are stored
	 * @param heapDumper how the heap is dumped
	 * @param conversionOptions how dumps are converted; the object layout is replaced by
	 * the running JVM's, and the temporary directory by the workspace's index directory
	 */
	public HeapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, ConversionOptions conversionOptions) {
		this(store, heapDumper, conversionOptions, new HeapSnapshotLock(), Clock.systemDefaultZone());
	}

	/**
	 * Creates a service.
	 * @param store where snapshots are stored
	 * @param heapDumper how the heap is dumped
	 * @param conversionOptions how dumps are converted; the object layout is replaced by
	 * the running JVM's, and the temporary directory by the workspace's index directory
	 * @param lock the lock shared by everything that takes snapshots of this JVM
	 * @param clock the clock that names and dates snapshots
	 */
	public HeapSnapshotService(HeapSnapshotStore store, HeapDumper heapDumper, ConversionOptions conversionOptions,
			HeapSnapshotLock lock, Clock clock) {
		this.store = store;
		this.heapDumper = heapDumper;
		this.conversionOptions = conversionOptions;
		this.lock = lock;
		this.clock = clock;
	}

	/**
	 * Sets the policy that decides whether a snapshot may go ahead.
	 * @param admission the admission policy
	 */
	public void setAdmission(HeapSnapshotAdmission admission) {
		this.admission = admission;
	}

	/**
	 * Sets the policy that deletes old snapshots after each new one.
	 * @param retention the retention policy
	 */
	public void setRetention(HeapSnapshotRetention retention) {
		this.retention = retention;
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
	 * Sets how dumps are converted, in this JVM by default.
	 * @param converter the converter
	 */
	public void setConverter(DumpConverter converter) {
		this.converter = converter;
	}

	/**
	 * Sets how the dumps taken under memory pressure, and those left by a JVM that ran out
	 * of memory, are converted: out of the application's heap, as in a child JVM. By
	 * default as the others.
	 * @param isolatedConverter the converter, or {@code null} for the one of the others
	 */
	public void setIsolatedConverter(@Nullable DumpConverter isolatedConverter) {
		this.isolatedConverter = isolatedConverter;
	}

	/**
	 * Sets the listeners to tell about snapshots.
	 * @param listeners the listeners
	 */
	public void setListeners(List<HeapSnapshotListener> listeners) {
		this.listeners = List.copyOf(listeners);
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
		return take(trigger, live, false).descriptor();
	}

	/**
	 * Takes a snapshot, stores it, and opens it before anything else can see it, so that
	 * it can be sent whole even if it is deleted meanwhile.
	 * @param trigger what asks for it
	 * @param live whether to dump only live objects, or {@code null} for the default
	 * @return the stored snapshot, open for reading
	 * @throws IOException if dumping, converting or storing fails; no file is left
	 * behind
	 * @see #takeSnapshot(SnapshotTrigger, Boolean)
	 */
	public OpenHeapSnapshot takeAndOpenSnapshot(SnapshotTrigger trigger, @Nullable Boolean live) throws IOException {
		Taken taken = take(trigger, live, true);
		Assert.state(taken.channel() != null, "'channel' must not be null");
		Path file = this.store.getDirectory().getPath().resolve(taken.descriptor().name());
		return new OpenHeapSnapshot(taken.descriptor(), file, taken.channel());
	}

	/**
	 * Takes a snapshot of live objects because the heap is under pressure, unless another
	 * snapshot is in progress: dumps the heap and converts the dump with the
	 * {@linkplain #setIsolatedConverter isolated converter}, since the application's heap
	 * has no room for a conversion.
	 * @param pressure what made the snapshot, recorded in its descriptor
	 * @return the descriptor of the stored snapshot
	 * @throws IOException if dumping, converting or storing fails; no file is left
	 * behind
	 * @throws SnapshotInProgressException if another snapshot is in progress
	 * @throws InsufficientDiskSpaceException if the storage directory has too little free
	 * space, or fills up
	 */
	public HeapSnapshotDescriptor takeSnapshotUnderPressure(HeapPressure pressure) throws IOException {
		try (HeapSnapshotLock.Permit permit = acquire(SnapshotTrigger.PRESSURE, Duration.ZERO)) {
			Snapshot snapshot = newSnapshot(this.clock.instant(), SnapshotTrigger.PRESSURE, true, pressure);
			this.admission.checkDiskSpace(this.store.getDirectory().getPath());
			return takeLocked(snapshot, false, (hprof) -> this.heapDumper.dumpHeap(hprof, true)).descriptor();
		}
	}

	/**
	 * Converts a heap dump that the JVM wrote before it died of an
	 * {@link OutOfMemoryError} into a stored snapshot, dated by the dump, with the
	 * {@linkplain #setIsolatedConverter isolated converter}. The dump is moved into the
	 * snapshot's workspace first, so that no other process converts it too, and is then
	 * deleted, or kept beside the snapshot.
	 * @param hprof the complete dump
	 * @param dumped when the JVM wrote it
	 * @param wait how long to wait for a snapshot in progress
	 * @param keepHprof whether to keep the dump beside the snapshot
	 * @return the descriptor of the stored snapshot
	 * @throws IOException if the dump cannot be moved, converted or stored; the dump is
	 * deleted when it was moved and could not be converted
	 * @throws java.nio.file.NoSuchFileException if another process took the dump first
	 */
	public HeapSnapshotDescriptor importOutOfMemoryDump(Path hprof, Instant dumped, Duration wait, boolean keepHprof)
			throws IOException {
		try (HeapSnapshotLock.Permit permit = acquire(SnapshotTrigger.OOM, wait)) {
			// The JVM dumps every object on an OutOfMemoryError, reachable or not
			Snapshot snapshot = newSnapshot(dumped, SnapshotTrigger.OOM, false, null);
			return takeLocked(snapshot, false, (target) -> claim(hprof, target), keepHprof).descriptor();
		}
	}

	// An atomic move lets one process of those sharing the dump's directory have it
	private static void claim(Path hprof, Path target) throws IOException {
		try {
			Files.move(hprof, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(hprof, target);
		}
	}

	private Taken take(SnapshotTrigger trigger, @Nullable Boolean live, boolean open) throws IOException {
		try (HeapSnapshotLock.Permit permit = acquire(trigger, this.busyWait)) {
			Snapshot snapshot = newSnapshot(this.clock.instant(), trigger, (live != null) ? live : this.live, null);
			this.admission.checkDiskSpace(this.store.getDirectory().getPath());
			return takeLocked(snapshot, open, (hprof) -> this.heapDumper.dumpHeap(hprof, snapshot.live()));
		}
	}

	private HeapSnapshotLock.Permit acquire(SnapshotTrigger trigger, Duration wait) throws IOException {
		HeapSnapshotLock.Permit permit = this.lock.tryAcquire(wait);
		if (permit == null) {
			this.listeners.forEach((listener) -> listener.rejected(trigger));
			throw new SnapshotInProgressException("Another heap snapshot is in progress; try again when it is done");
		}
		try {
			this.store.getDirectory().create();
		}
		catch (IOException | RuntimeException ex) {
			permit.close();
			throw ex;
		}
		return permit;
	}

	private Snapshot newSnapshot(Instant created, SnapshotTrigger trigger, boolean live,
			@Nullable HeapPressure pressure) {
		String name = HeapSnapshotNames.next(LocalDateTime.ofInstant(created, this.clock.getZone()));
		return new Snapshot(name, created, trigger, live, pressure);
	}

	private Taken takeLocked(Snapshot snapshot, boolean open, Dump dump) throws IOException {
		return takeLocked(snapshot, open, dump, this.keepHprof);
	}

	private Taken takeLocked(Snapshot snapshot, boolean open, Dump dump, boolean keepHprof) throws IOException {
		SnapshotTrigger trigger = snapshot.trigger();
		this.listeners.forEach((listener) -> listener.started(trigger));
		try (HeapSnapshotWorkspace workspace = this.store.getDirectory().createWorkspace(snapshot.name())) {
			return takeIn(workspace, snapshot, open, dump, keepHprof);
		}
		finally {
			this.listeners.forEach((listener) -> listener.ended(trigger));
		}
	}

	private Taken takeIn(HeapSnapshotWorkspace workspace, Snapshot snapshot, boolean open, Dump dump,
			boolean keepHprof) throws IOException {
		try {
			HeapSnapshotDescriptor descriptor = dumpAndConvert(snapshot, workspace, dump);
			FileChannel channel = open ? FileChannel.open(workspace.snapshot(), StandardOpenOption.READ) : null;
			try {
				store(descriptor, workspace, keepHprof);
			}
			catch (IOException | RuntimeException ex) {
				if (channel != null) {
					channel.close();
				}
				throw ex;
			}
			return new Taken(descriptor, channel);
		}
		catch (IOException ex) {
			// Checked while the failed files still fill the disk
			HeapSnapshotDirectory directory = this.store.getDirectory();
			if (this.admission.isDiskFull(directory.getPath(), workspace.index())) {
				logger.warn("Heap snapshot failed on a full disk", ex);
				throw new InsufficientDiskSpaceException(
						"Not enough free disk space: the disk filled up during the heap snapshot", ex);
			}
			throw ex;
		}
	}

	private HeapSnapshotDescriptor dumpAndConvert(Snapshot snapshot, HeapSnapshotWorkspace workspace, Dump dump)
			throws IOException {
		Duration dumped = timed(SnapshotPhase.DUMP, snapshot.trigger(), () -> {
			dump.to(workspace.hprof());
			return workspace.hprof();
		}).duration();
		DumpConverter converter = converter(snapshot.trigger());
		if (converter.usesApplicationHeap()) {
			this.admission.checkFreeHeap();
		}
		Timed<ConversionResult> conversion = timed(SnapshotPhase.CONVERT, snapshot.trigger(),
				() -> convert(converter, workspace));
		return snapshot.describe(conversion.value(), dumped, conversion.duration());
	}

	private DumpConverter converter(SnapshotTrigger trigger) {
		boolean isolated = trigger == SnapshotTrigger.PRESSURE || trigger == SnapshotTrigger.OOM;
		return (isolated && this.isolatedConverter != null) ? this.isolatedConverter : this.converter;
	}

	private void store(HeapSnapshotDescriptor descriptor, HeapSnapshotWorkspace workspace, boolean keepHprof)
			throws IOException {
		this.store.store(descriptor, workspace, keepHprof);
		this.listeners.forEach((listener) -> listener.stored(descriptor));
		this.retention.apply(this.store);
	}

	private ConversionResult convert(DumpConverter converter, HeapSnapshotWorkspace workspace) throws IOException {
		ConversionOptions options = this.conversionOptions.withLayout(ObjectLayout.ofRunningJvm())
			.withTempDirectory(workspace.index());
		return converter.convert(workspace.hprof(), workspace.snapshot(), options);
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
		return this.store.delete(name);
	}

	@FunctionalInterface
	private interface Dump {

		void to(Path hprof) throws IOException;

	}

	@FunctionalInterface
	private interface Phase<T> {

		T run() throws IOException;

	}

	private record Taken(HeapSnapshotDescriptor descriptor, @Nullable FileChannel channel) {

	}

	private record Timed<T>(T value, Duration duration) {

	}

	private record Snapshot(String name, Instant created, SnapshotTrigger trigger, boolean live,
			@Nullable HeapPressure pressure) {

		HeapSnapshotDescriptor describe(ConversionResult result, Duration dump, Duration conversion) {
			return new HeapSnapshotDescriptor(this.name, this.created, this.trigger, this.live, result.hprofBytes(),
					result.snapshotBytes(), result.nodeCount(), result.edgeCount(), dump.toMillis(),
					conversion.toMillis(), this.pressure);
		}

	}

}
