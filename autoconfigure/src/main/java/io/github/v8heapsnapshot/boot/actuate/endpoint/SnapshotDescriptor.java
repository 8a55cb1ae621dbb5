package io.github.v8heapsnapshot.boot.actuate.endpoint;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.v8heapsnapshot.boot.snapshot.HeapPressure;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotProgress;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotTask;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotState;
import io.github.v8heapsnapshot.boot.snapshot.SnapshotTrigger;
import io.github.v8heapsnapshot.boot.summary.SummaryState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * What the endpoint says about a snapshot, stored, in progress or failed. Values that do
 * not apply to the snapshot's state are left out.
 *
 * @param name the name of the snapshot
 * @param state where the snapshot is
 * @param created when it was started
 * @param trigger what asked for it
 * @param live whether only live objects were dumped
 * @param progress how far it is, while in progress
 * @param failure why it failed, when failed
 * @param hprofBytes the size of the dump, when stored
 * @param snapshotBytes the size of the snapshot, when stored
 * @param nodeCount the nodes of the snapshot, when stored
 * @param edgeCount the edges of the snapshot, when stored
 * @param dumpMillis the time the dump took, when stored
 * @param convertMillis the time the conversion took, when stored
 * @param summary the state of the snapshot's summary, when stored
 * @param pressure what made a snapshot under memory pressure, when stored
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotDescriptor(String name, SnapshotState state, Instant created, SnapshotTrigger trigger,
		boolean live, @Nullable Progress progress, @Nullable String failure, @Nullable Long hprofBytes,
		@Nullable Long snapshotBytes, @Nullable Long nodeCount, @Nullable Long edgeCount, @Nullable Long dumpMillis,
		@Nullable Long convertMillis, @Nullable SummaryState summary, @Nullable HeapPressure pressure)
		implements OperationResponseBody {

	/**
	 * Describes a stored snapshot.
	 * @param descriptor its descriptor
	 * @param summary the state of its summary, or {@code null} if summaries are not made
	 * @return the description
	 */
	public static SnapshotDescriptor of(HeapSnapshotDescriptor descriptor, @Nullable SummaryState summary) {
		return new SnapshotDescriptor(descriptor.name(), SnapshotState.STORED, descriptor.created(),
				descriptor.trigger(), descriptor.live(), null, null, descriptor.hprofBytes(),
				descriptor.snapshotBytes(), descriptor.nodeCount(), descriptor.edgeCount(), descriptor.dumpMillis(),
				descriptor.convertMillis(), summary, descriptor.pressure());
	}

	/**
	 * Describes a snapshot in progress or failed.
	 * @param task the snapshot
	 * @return the description
	 */
	public static SnapshotDescriptor of(HeapSnapshotTask task) {
		HeapSnapshotProgress progress = task.getProgress();
		return new SnapshotDescriptor(task.getName(), task.getState(), task.getCreated(), task.getTrigger(),
				task.isLive(), (progress != null) ? Progress.of(progress) : null, task.getFailure(), null, null, null,
				null, null, null, null, null);
	}

	/**
	 * How far a snapshot in progress is.
	 *
	 * @param phase the running phase
	 * @param percent an estimate of the share done, 0 to 100
	 * @param bytesWritten the bytes of the dump and the snapshot written so far
	 * @param elapsedMillis the time since the snapshot started
	 */
	public record Progress(HeapSnapshotProgress.Phase phase, int percent, long bytesWritten, long elapsedMillis) {

		static Progress of(HeapSnapshotProgress progress) {
			return new Progress(progress.phase(), progress.percent(), progress.bytesWritten(),
					progress.elapsed().toMillis());
		}

	}

}
