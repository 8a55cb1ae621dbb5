package io.github.v8heapsnapshot.boot.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;

/**
 * The snapshots in progress and those that failed recently, newest first. Stored
 * snapshots are left to the store.
 *
 * @author v8heapsnapshot developers
 */
final class HeapSnapshotTasks {

	private static final int MAX_FAILED = 5;

	private static final Duration FAILED_KEPT = Duration.ofHours(1);

	private final Deque<HeapSnapshotTask> tasks = new ConcurrentLinkedDeque<>();

	void add(HeapSnapshotTask task) {
		this.tasks.addFirst(task);
		prune();
	}

	List<HeapSnapshotTask> list() {
		prune();
		return List.copyOf(this.tasks);
	}

	@Nullable HeapSnapshotTask get(String name) {
		return list().stream().filter((task) -> task.getName().equals(name)).findFirst().orElse(null);
	}

	@Nullable HeapSnapshotTask inProgress() {
		return list().stream()
			.filter((task) -> task.getState() == SnapshotState.IN_PROGRESS)
			.findFirst()
			.orElse(null);
	}

	boolean remove(String name) {
		return this.tasks.removeIf((task) -> task.getName().equals(name) && task.getState() == SnapshotState.FAILED);
	}

	private void prune() {
		Instant oldest = Instant.now().minus(FAILED_KEPT);
		int failed = 0;
		for (HeapSnapshotTask task : this.tasks) {
			Instant ended = task.getEnded();
			boolean keep = switch (task.getState()) {
				case IN_PROGRESS -> true;
				case STORED -> false;
				case FAILED -> ++failed <= MAX_FAILED && ended != null && ended.isAfter(oldest);
			};
			if (!keep) {
				this.tasks.remove(task);
			}
		}
	}

}
