package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.ids.ObjectIds;
import io.github.v8heapsnapshot.v8.StringTable;

/**
 * One run of the three passes over one dump, with its temporary files in a work directory
 * that the caller deletes.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Conversion {

	private final ConversionOptions options;

	private final RedactionPolicy redaction;

	private final Progress progress;

	private final Path work;

	private final Map<ConversionPhase, Duration> durations = new EnumMap<>(ConversionPhase.class);

	Conversion(ConversionOptions options, Progress progress, Path work) {
		this.options = options;
		this.redaction = new RedactionPolicy(options);
		this.progress = progress;
		this.work = work;
	}

	ConversionResult run(FileChannel channel, Path part) throws IOException {
		long start = System.nanoTime();
		this.progress.phase(ConversionPhase.INDEX);
		HeapModel heap = IndexPass.run(channel, this.work, this.progress, this.options.threads());
		try (StringTable strings = new StringTable(this.work); heap.objects) {
			// The root's empty name first, as in V8's snapshots
			strings.intern("");
			strings.intern("(GC roots)");
			ClassTable classes = ClassTable.build(heap, this.options.layout(), strings, this.redaction);
			RootPlan plan = RootPlan.build(heap, classes, strings);
			start = lap(ConversionPhase.INDEX, start);
			this.progress.phase(ConversionPhase.LINK);
			try (LinkContext context = new LinkContext(heap, classes, this.options.layout(), this.work,
					this.options.stringLimit(), plan.threadsByObject, plan.localNames, plan.localTargets,
					this.redaction.masksSecrets())) {
				LinkPass[] workers = link(context, heap, strings);
				try {
					start = lap(ConversionPhase.LINK, start);
					this.progress.phase(ConversionPhase.WRITE);
					long stringNodes = 0;
					for (LinkPass worker : workers) {
						stringNodes += worker.stringCount;
					}
					strings.reserve(stringNodes);
					ValueNamer namer = new ValueNamer(strings, this.redaction);
					try (ObjectIds ids = assignIds(context, workers, strings)) {
						WritePass write = new WritePass(context, workers, strings, plan, namer, this.progress,
								this.redaction::isSensitiveName, this.options.threads(), ids);
						write.run(part);
						if (ids != null) {
							ids.commit();
						}
						lap(ConversionPhase.WRITE, start);
						return new ConversionResult(write.nodeCount, write.edgeCount, heap.fileSize, Files.size(part),
								this.durations, namer.shortened());
					}
				}
				finally {
					for (LinkPass worker : workers) {
						worker.close();
					}
				}
			}
		}
	}

	private @Nullable ObjectIds assignIds(LinkContext context, LinkPass[] workers, StringTable strings)
			throws IOException {
		Path table = this.options.objectIds();
		if (table == null) {
			return null;
		}
		ObjectIds ids = ObjectIds.assign(table, new LinkedDumpGraph(context, workers, strings), this.work);
		this.progress.objectIdsAssigned(new ObjectIdStatistics(ids.nodes(), ids.previousNodes(), ids.keptByAddress(),
				ids.keptByContent(), ids.keptByPlace()));
		return ids;
	}

	private long lap(ConversionPhase phase, long start) {
		long now = System.nanoTime();
		this.durations.put(phase, Duration.ofNanos(now - start));
		return now;
	}

	private LinkPass[] link(LinkContext context, HeapModel heap, StringTable strings) throws IOException {
		int segments = heap.segmentCount();
		long total = (segments > 0) ? heap.segmentEnd(segments - 1) - heap.segmentStart(0) : 0;
		boolean parallel = segments > 1 && total > IndexPass.PARALLEL_THRESHOLD && this.options.threads() > 1;
		int split = segments;
		if (parallel) {
			split = 0;
			while (split < segments && heap.segmentEnd(split) - heap.segmentStart(0) < total / 2) {
				split++;
			}
		}
		int valueName = strings.intern("value");
		int className = strings.intern("<class>");
		LinkPass[] workers = new LinkPass[parallel ? 2 : 1];
		try {
			for (int i = 0; i < workers.length; i++) {
				workers[i] = new LinkPass(context, i, valueName, className);
			}
		}
		catch (IOException | RuntimeException ex) {
			closeAll(workers);
			throw ex;
		}
		try {
			workers[0].linkClasses();
			if (!parallel) {
				LinkPass only = workers[0];
				only.linkObjects(0, segments, () -> this.progress.update(only.bytesDone.get(), total));
			}
			else {
				linkInParallel(workers, split, segments, total);
			}
			for (LinkPass worker : workers) {
				worker.finishOutputs();
			}
		}
		catch (IOException | RuntimeException ex) {
			closeAll(workers);
			throw ex;
		}
		return workers;
	}

	private void linkInParallel(LinkPass[] workers, int split, int segments, long total) throws IOException {
		LinkPass first = workers[0];
		LinkPass second = workers[1];
		Cancellation stop = new Cancellation();
		Parallel.run(this.options.threads(), "v8heapsnapshot-link",
				() -> second.linkObjects(split, segments, () -> stop.check()),
				() -> first.linkObjects(0, split, () -> {
					this.progress.update(first.bytesDone.get() + second.bytesDone.get(), total);
					stop.check();
				}), () -> this.progress.update(first.bytesDone.get() + second.bytesDone.get(), total), stop);
	}

	private static void closeAll(LinkPass[] workers) throws IOException {
		for (LinkPass worker : workers) {
			if (worker != null) {
				worker.close();
			}
		}
	}

}
