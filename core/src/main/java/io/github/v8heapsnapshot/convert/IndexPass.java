package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.hprof.ClassDump;
import io.github.v8heapsnapshot.hprof.HeapDumpScanner;
import io.github.v8heapsnapshot.hprof.HeapDumpVisitor;
import io.github.v8heapsnapshot.hprof.HprofInput;
import io.github.v8heapsnapshot.hprof.HprofReader;
import io.github.v8heapsnapshot.hprof.HprofRecordVisitor;
import io.github.v8heapsnapshot.hprof.RootKind;
import io.github.v8heapsnapshot.hprof.StackFrame;
import io.github.v8heapsnapshot.hprof.StackTrace;
import io.github.v8heapsnapshot.index.ObjectIdIndex;

/**
 * The first pass: reads every top-level record, keeps symbols, classes, frames, traces and
 * roots, and appends the id of every object to the off-heap object index.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class IndexPass {

	/** Below this many bytes of heap dump segments, one thread reads them quicker. */
	static final long PARALLEL_THRESHOLD = 16L << 20;

	private final HeapModel model;

	private final ObjectIdIndex objects;

	private final int threads;

	private IndexPass(HeapModel model, int threads) {
		this.model = model;
		this.threads = threads;
		this.objects = model.objects;
	}

	static HeapModel run(FileChannel channel, Path workDirectory, Progress progress, int threads)
			throws IOException {
		long fileSize = channel.size();
		HprofInput in = HprofReader.open(channel, 8 << 20);
		ObjectIdIndex objects = new ObjectIdIndex(workDirectory, fileSize / 32);
		HeapModel model = new HeapModel(channel, fileSize, in.idSize(), objects);
		try {
			IndexPass pass = new IndexPass(model, threads);
			HprofReader.readRecords(in, pass.new Records());
			pass.scanSegments(progress);
			objects.finish();
		}
		catch (IOException | RuntimeException ex) {
			objects.close();
			throw ex;
		}
		return model;
	}

	/**
	 * Reads the heap dump segments, split in two halves read at once when the dump is large:
	 * the second half's ids, roots and classes are appended after the first's, so the
	 * result is the same as reading in file order.
	 */
	private void scanSegments(Progress progress) throws IOException {
		int count = this.model.segmentCount();
		long total = (count > 0) ? this.model.segmentEnd(count - 1) - this.model.segmentStart(0) : 0;
		int split = count;
		if (count > 1 && total > PARALLEL_THRESHOLD && this.threads > 1) {
			split = 0;
			while (split < count && this.model.segmentEnd(split) - this.model.segmentStart(0) < total / 2) {
				split++;
			}
		}
		SegmentScan first = new SegmentScan(this.objects);
		if (split == count) {
			first.scan(0, count, () -> progress.update(first.bytesDone.get(), total));
			first.addTo(this.model);
			return;
		}
		try (ObjectIdIndex secondIds = new ObjectIdIndex(this.model.objects.directory(), 1 << 16)) {
			SegmentScan second = new SegmentScan(secondIds);
			int from = split;
			Cancellation stop = new Cancellation();
			Parallel.run(this.threads, "v8heapsnapshot-index",
					() -> second.scan(from, count, () -> stop.check()),
					() -> first.scan(0, from, () -> {
						progress.update(first.bytesDone.get() + second.bytesDone.get(), total);
						stop.check();
					}), () -> progress.update(first.bytesDone.get() + second.bytesDone.get(), total), stop);
			first.addTo(this.model);
			secondIds.appendTo(this.objects);
			second.addTo(this.model);
		}
	}

	/**
	 * Keeps what the top-level records say in the model.
	 */
	private final class Records implements HprofRecordVisitor {

		@Override
		public void symbol(long id, long textOffset, int textLength) {
			IndexPass.this.model.addSymbol(id, textOffset, textLength);
		}

		@Override
		public void loadClass(int serial, long classId, long nameId) {
			HeapModel model = IndexPass.this.model;
			model.classNameIds.put(classId, model.loadClassNames.size());
			model.loadClassNames.add(nameId);
			model.classSerials.put(serial & 0xFFFFFFFFL, model.loadClassNames.size() - 1);
		}

		@Override
		public void stackFrame(StackFrame frame) {
			HeapModel model = IndexPass.this.model;
			model.frameIndex.put(frame.id(), model.frames.size());
			model.frames.add(frame);
		}

		@Override
		public void stackTrace(StackTrace trace) {
			HeapModel model = IndexPass.this.model;
			model.traceIndex.put(trace.serial(), model.traces.size());
			model.traces.add(trace);
		}

		@Override
		public void heapDump(long start, long end) {
			IndexPass.this.model.addSegment(start, end, 0);
		}

	}

	/**
	 * Reads a range of segments: appends object ids to an index and keeps roots and class
	 * dumps in order.
	 */
	private final class SegmentScan implements HeapDumpVisitor {

		private final ObjectIdIndex ids;

		private final List<HeapModel.Root> roots = new ArrayList<>();

		private final List<HeapModel.ClassDumpRecord> classDumps = new ArrayList<>();

		private final AtomicLong bytesDone = new AtomicLong();

		private long[] firstObjects = new long[0];

		private int firstSegment;

		SegmentScan(ObjectIdIndex ids) {
			this.ids = ids;
		}

		void scan(int from, int to, Checkpoint checkpoint) throws IOException {
			HeapModel heap = IndexPass.this.model;
			HprofInput in = new HprofInput(heap.channel, heap.fileSize, 4 << 20, heap.idSize);
			this.firstSegment = from;
			this.firstObjects = new long[to - from];
			for (int segment = from; segment < to; segment++) {
				checkpoint.check();
				this.firstObjects[segment - from] = this.ids.count();
				in.seek(heap.segmentStart(segment));
				HeapDumpScanner.scan(in, heap.segmentEnd(segment), this);
				this.bytesDone.addAndGet(heap.segmentEnd(segment) - heap.segmentStart(segment));
			}
		}

		/**
		 * Adds what this scan found to the model, after what earlier scans added.
		 */
		void addTo(HeapModel heap) {
			long base = heap.objects.count() - this.ids.count();
			for (int i = 0; i < this.firstObjects.length; i++) {
				heap.segmentFirstObject(this.firstSegment + i, base + this.firstObjects[i]);
			}
			heap.roots.addAll(this.roots);
			heap.classDumps.addAll(this.classDumps);
		}

		@Override
		public void root(RootKind kind, long objectId, int threadSerial, int index) {
			this.roots.add(new HeapModel.Root(kind, objectId, threadSerial, index));
		}

		@Override
		public void classDump(ClassDump dump, long offset) {
			this.classDumps.add(new HeapModel.ClassDumpRecord(dump, offset));
		}

		@Override
		public void instance(long id, long classId, int length, HprofInput in, long offset) throws IOException {
			this.ids.add(id);
		}

		@Override
		public void objectArray(long id, long classId, int length, HprofInput in, long offset) throws IOException {
			this.ids.add(id);
		}

		@Override
		public void primitiveArray(long id, int type, int length, HprofInput in, long offset) throws IOException {
			this.ids.add(id);
		}

	}

}
