package io.github.v8heapsnapshot.boot.pressure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.github.v8heapsnapshot.boot.snapshot.HeapPressure;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotService;
import io.github.v8heapsnapshot.boot.snapshot.InsufficientDiskSpaceException;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotInProgressException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Captures the heap under pressure as a stored snapshot: the dump is written in the
 * application's JVM, which needs no Java heap for it, and converted out of it (see
 * {@link HeapSnapshotService#takeSnapshotUnderPressure}). Skips when another snapshot is
 * running, when the disk has too little room, and when the store is in memory.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class PressureSnapshotCapture implements PressureCapture {

	private static final Log logger = LogFactory.getLog(PressureSnapshotCapture.class);

	private static final Set<String> MEMORY_FILE_SYSTEMS = Set.of("tmpfs", "ramfs");

	private final HeapSnapshotService service;

	/**
	 * Creates a capture.
	 * @param service the service that takes the snapshot
	 */
	public PressureSnapshotCapture(HeapSnapshotService service) {
		this.service = service;
	}

	@Override
	public void capture(HeapOccupancy occupancy) throws PressureCaptureSkippedException {
		Path directory = this.service.getStore().getDirectory().getPath();
		if (isInMemory(directory)) {
			throw new PressureCaptureSkippedException(SkipReason.TMPFS, "the storage directory '" + directory
					+ "' is in memory, where a dump would take the memory that is running out");
		}
		try {
			HeapSnapshotDescriptor descriptor = this.service.takeSnapshotUnderPressure(new HeapPressure(
					occupancy.ratio(), occupancy.used(), occupancy.max(), occupancy.exact(), occupancy.collector(),
					occupancy.cause()));
			logger.info("Heap snapshot '" + descriptor.name() + "' taken under memory pressure");
		}
		catch (SnapshotInProgressException ex) {
			throw new PressureCaptureSkippedException(SkipReason.BUSY, ex.getMessage());
		}
		catch (InsufficientDiskSpaceException ex) {
			throw new PressureCaptureSkippedException(SkipReason.DISK, ex.getMessage());
		}
		catch (IOException ex) {
			logger.warn("Heap snapshot under memory pressure failed", ex);
			throw new PressureCaptureSkippedException(SkipReason.FAILED, String.valueOf(ex.getMessage()));
		}
	}

	private static boolean isInMemory(Path directory) {
		Path existing = directory;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		try {
			return existing != null && MEMORY_FILE_SYSTEMS.contains(Files.getFileStore(existing).type());
		}
		catch (IOException ex) {
			return false;
		}
	}

}
