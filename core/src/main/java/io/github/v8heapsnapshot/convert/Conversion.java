package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.cancel.Cancellation;
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
					this.redaction.masksSecrets());
					LinkedGraph graph = link(context, heap, strings)) {
				start = lap(ConversionPhase.LINK, start);
				this.progress.phase(ConversionPhase.WRITE);
				strings.reserve(graph.stringCount());
				ValueNamer namer = new ValueNamer(strings, this.redaction);
				Path table = this.options.objectIds();
				try (ObjectIdAssignment ids = (table != null) ? new ObjectIdAssignment(table, this.progress) : null) {
					WritePass write = new WritePass(context, graph, strings, plan, namer, this.progress,
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
		}
	}

	private long lap(ConversionPhase phase, long start) {
		long now = System.nanoTime();
		this.durations.put(phase, Duration.ofNanos(now - start));
		return now;
	}

	private LinkedGraph link(LinkContext context, HeapModel heap, StringTable strings) throws IOException {
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
		List<LinkedRange> ranges = new ArrayList<>();
		try {
			ranges.add(LinkedRange.create(context, 0, 0));
			if (parallel) {
				ranges.add(LinkedRange.create(context, 1, context.firstOrdinal(split)));
			}
			LinkPass first = new LinkPass(context, ranges.get(0), valueName, className);
			first.linkClasses();
			if (!parallel) {
				first.linkObjects(0, segments, () -> this.progress.update(first.bytesDone.get(), total));
			}
			else {
				LinkPass second = new LinkPass(context, ranges.get(1), valueName, className);
				linkInParallel(first, second, split, segments, total);
			}
			for (LinkedRange range : ranges) {
				range.finish();
			}
			return LinkedGraph.join(ranges, context.nodeCount);
		}
		catch (IOException | RuntimeException ex) {
			try (Closer closer = new Closer()) {
				ranges.forEach(closer::add);
			}
			throw ex;
		}
	}

	private void linkInParallel(LinkPass first, LinkPass second, int split, int segments, long total)
			throws IOException {
		Cancellation stop = new Cancellation();
		Parallel.run(this.options.threads(), "v8heapsnapshot-link",
				() -> second.linkObjects(split, segments, () -> stop.check()),
				() -> first.linkObjects(0, split, () -> {
					this.progress.update(first.bytesDone.get() + second.bytesDone.get(), total);
					stop.check();
				}), () -> this.progress.update(first.bytesDone.get() + second.bytesDone.get(), total), stop);
	}

}
