package io.github.v8heapsnapshot.boot.summary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDescriptor;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotDirectory;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotListener;
import io.github.v8heapsnapshot.boot.snapshot.HeapSnapshotStore;
import io.github.v8heapsnapshot.summary.HeapSnapshotSummarizer;
import io.github.v8heapsnapshot.summary.HeapSummary;
import io.github.v8heapsnapshot.summary.SummaryOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.FileSystemUtils;

/**
 * Summarizes each stored snapshot on a thread of its own, right after it is stored, so
 * that taking snapshots never waits for a summary, and keeps the summary as JSON beside
 * the snapshot ({@code <stem>.summary.json}), where it is deleted with it. At start, the
 * stored snapshots that have no summary yet are summarized too.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotSummaries implements HeapSnapshotListener, InitializingBean, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HeapSnapshotSummaries.class);

	private final HeapSnapshotStore store;

	private final SummaryOptions options;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "v8heapsnapshot-summary");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Creates summaries of the snapshots of a store, with the default options.
	 * @param store the store
	 */
	public HeapSnapshotSummaries(HeapSnapshotStore store) {
		this(store, SummaryOptions.defaults());
	}

	/**
	 * Creates summaries of the snapshots of a store.
	 * @param store the store
	 * @param options how to summarize; the scratch files are kept in a hidden directory
	 * of the store's temporary directory instead of the options' one
	 */
	public HeapSnapshotSummaries(HeapSnapshotStore store, SummaryOptions options) {
		this.store = store;
		this.options = options;
	}

	/**
	 * Summarizes the stored snapshots that have no summary yet.
	 * @throws IOException if the storage directory cannot be read
	 */
	@Override
	public void afterPropertiesSet() throws IOException {
		for (HeapSnapshotDescriptor descriptor : this.store.list()) {
			if (!Files.exists(directory().summary(descriptor.name()))) {
				submit(descriptor.name());
			}
		}
	}

	@Override
	public void stored(HeapSnapshotDescriptor descriptor) {
		submit(descriptor.name());
	}

	/**
	 * Returns where the summary of a snapshot is.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the state, or {@code null} if there is no stored snapshot of that name
	 */
	public @Nullable SummaryState state(String name) {
		if (this.store.snapshotFile(name) == null) {
			return null;
		}
		HeapSummary summary = read(name);
		if (summary == null) {
			return SummaryState.PENDING;
		}
		return HeapSummary.READY.equals(summary.state()) ? SummaryState.READY : SummaryState.UNAVAILABLE;
	}

	/**
	 * Returns the summary of a snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the summary, or {@code null} if there is no stored snapshot of that name or
	 * its summary is pending
	 */
	public @Nullable HeapSummary summary(String name) {
		return (this.store.snapshotFile(name) != null) ? read(name) : null;
	}

	private @Nullable HeapSummary read(String name) {
		Path file = directory().summary(name);
		if (!HeapSnapshotDirectory.isRegularFile(file)) {
			return null;
		}
		try {
			return this.jsonMapper.readValue(file.toFile(), HeapSummary.class);
		}
		catch (JacksonException ex) {
			logger.debug("Ignoring the unreadable summary of '" + name + "'", ex);
			return null;
		}
	}

	private void submit(String name) {
		if (!this.pending.add(name)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				try {
					summarize(name);
				}
				finally {
					this.pending.remove(name);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.pending.remove(name);
		}
	}

	private void summarize(String name) {
		Path snapshot = this.store.snapshotFile(name);
		if (snapshot == null) {
			return;
		}
		long start = System.nanoTime();
		HeapSummary summary;
		try {
			summary = summarize(name, snapshot);
		}
		catch (IOException | RuntimeException ex) {
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
			logger.warn("Failed to summarize heap snapshot '" + name + "'", ex);
			summary = HeapSummary.unavailable(name, "The summary failed; the cause is in the application log");
		}
		try {
			write(name, summary);
			logger.info("Summarized heap snapshot '" + name + "' in " + (System.nanoTime() - start) / 1_000_000
					+ " ms: " + summary.state());
		}
		catch (IOException | JacksonException ex) {
			logger.warn("Failed to store the summary of heap snapshot '" + name + "'", ex);
		}
	}

	private HeapSummary summarize(String name, Path snapshot) throws IOException {
		Path scratch = directory().createScratchDirectory(name);
		try {
			return new HeapSnapshotSummarizer(this.options.withTempDirectory(scratch)).summarize(snapshot);
		}
		finally {
			FileSystemUtils.deleteRecursively(scratch);
		}
	}

	private void write(String name, HeapSummary summary) throws IOException {
		HeapSnapshotDirectory directory = directory();
		Path target = directory.summary(name);
		Path temporary = target.resolveSibling("." + target.getFileName());
		Files.deleteIfExists(temporary);
		directory.createOwnerOnlyFile(temporary);
		try {
			this.jsonMapper.writeValue(temporary.toFile(), summary);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		if (this.store.snapshotFile(name) == null) {
			// Deleted while it was summarized
			Files.deleteIfExists(target);
		}
	}

	private HeapSnapshotDirectory directory() {
		return this.store.getDirectory();
	}

	/**
	 * Stops summarizing, interrupting a summary in progress.
	 * @throws InterruptedException if interrupted while waiting for it to stop
	 */
	@Override
	public void close() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
	}

}
