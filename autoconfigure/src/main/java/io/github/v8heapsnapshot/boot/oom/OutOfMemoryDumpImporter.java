package io.github.v8heapsnapshot.boot.oom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Converts, once the application has started, the heap dumps that earlier runs wrote
 * when they died of an {@link OutOfMemoryError} into stored snapshots with the trigger
 * {@code oom}, dated by the dump. A dump cut short (the process was killed while it wrote
 * it) is reported and deleted, never listed. Runs on a thread of its own.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class OutOfMemoryDumpImporter implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutOfMemoryDumpImporter.class);

	/** How long an incomplete dump must have been left alone to be taken for a cut one. */
	private static final Duration STILL = Duration.ofMinutes(1);

	/** How long to wait for a snapshot in progress before converting. */
	private static final Duration WAIT = Duration.ofMinutes(10);

	private final HeapSnapshotService service;

	private final @Nullable OutOfMemoryDumpLocation location;

	private final boolean keepHprof;

	private volatile @Nullable Thread thread;

	/**
	 * Creates an importer.
	 * @param service the service that converts and stores the dumps
	 * @param location where the dumps are, or {@code null} when this JVM does not dump
	 * its heap on an {@code OutOfMemoryError}, and there is nothing to do
	 * @param keepHprof whether to keep each dump beside its snapshot
	 */
	public OutOfMemoryDumpImporter(HeapSnapshotService service, @Nullable OutOfMemoryDumpLocation location,
			boolean keepHprof) {
		this.service = service;
		this.location = location;
		this.keepHprof = keepHprof;
	}

	@Override
	public void start() {
		if (this.location == null) {
			return;
		}
		Thread thread = new Thread(this::importDumps, "v8heapsnapshot-oom");
		thread.setDaemon(true);
		this.thread = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
			this.thread = null;
		}
	}

	@Override
	public boolean isRunning() {
		Thread thread = this.thread;
		return thread != null && thread.isAlive();
	}

	/**
	 * Converts or removes the dumps found now.
	 */
	void importDumps() {
		OutOfMemoryDumpLocation location = this.location;
		if (location == null) {
			return;
		}
		try {
			for (OutOfMemoryDump dump : location.find()) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				importDump(dump);
			}
		}
		catch (IOException ex) {
			logger.warn("Failed to look for heap dumps of OutOfMemoryErrors in " + location, ex);
		}
	}

	private void importDump(OutOfMemoryDump dump) {
		try {
			if (dump.isComplete()) {
				HeapSnapshotDescriptor descriptor = this.service.importOutOfMemoryDump(dump.file(), dump.time(), WAIT,
						this.keepHprof);
				logger.info("Converted the heap dump '" + dump.file() + "' of an OutOfMemoryError at " + dump.time()
						+ " into heap snapshot '" + descriptor.name() + "'");
			}
			else if (dump.time().isBefore(Instant.now().minus(STILL))) {
				logger.warn("Deleting the heap dump '" + dump.file() + "' (" + dump.size()
						+ " bytes): it was cut short, as when the JVM was killed while writing it");
				Files.deleteIfExists(dump.file());
			}
			else {
				logger.info("Leaving the heap dump '" + dump.file() + "' alone: it is still being written");
			}
		}
		catch (NoSuchFileException ex) {
			logger.debug("Heap dump '" + dump.file() + "' taken by another process", ex);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Failed to convert the heap dump '" + dump.file() + "' of an OutOfMemoryError", ex);
		}
	}

}
