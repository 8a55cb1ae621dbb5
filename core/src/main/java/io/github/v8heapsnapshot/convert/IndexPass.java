package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.v8heapsnapshot.hprof.ClassDump;
import io.github.v8heapsnapshot.hprof.HeapDumpScanner;
import io.github.v8heapsnapshot.hprof.HeapDumpVisitor;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.hprof.HprofInput;
import io.github.v8heapsnapshot.hprof.RootKind;
import io.github.v8heapsnapshot.index.ObjectIdIndex;

/**
 * The first pass: reads every top-level record, keeps symbols, classes, frames, traces and
 * roots, and appends the id of every object to the off-heap object index.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class IndexPass {

	private static final String MAGIC = "JAVA PROFILE 1.0.";

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
		HprofInput header = new HprofInput(channel, fileSize, 64, 8);
		int idSize = readHeader(header);
		HprofInput in = new HprofInput(channel, fileSize, 8 << 20, idSize);
		in.seek(header.position());
		ObjectIdIndex objects = new ObjectIdIndex(workDirectory, fileSize / 32);
		HeapModel model = new HeapModel(channel, fileSize, idSize, objects);
		try {
			new IndexPass(model, threads).readRecords(in, progress);
			objects.finish();
		}
		catch (IOException | RuntimeException ex) {
			objects.close();
			throw ex;
		}
		return model;
	}

	private static int readHeader(HprofInput in) throws IOException {
		ByteBuffer buffer = in.require(Math.min(31, in.fileSize()), "file header", 0);
		StringBuilder magic = new StringBuilder();
		int b;
		while (buffer.hasRemaining() && (b = buffer.get()) != 0) {
			magic.append((char) (b & 0xFF));
		}
		if (!magic.toString().startsWith(MAGIC)) {
			throw new HprofFormatException("Not an HPROF file: no \"" + MAGIC + "\" header at offset 0", 0);
		}
		long at = in.position();
		in.require(12, "file header", 0);
		int idSize = in.u4();
		if (idSize != 4 && idSize != 8) {
			throw new HprofFormatException("Unsupported identifier size " + idSize + " at offset " + at, at);
		}
		in.u8();
		return idSize;
	}

	private void readRecords(HprofInput in, Progress progress) throws IOException {
		long fileSize = in.fileSize();
		int idSize = in.idSize();
		boolean segments = false;
		boolean ended = false;
		boolean heapDump = false;
		while (in.position() < fileSize) {
			long offset = in.position();
			in.limit(fileSize);
			in.require(9, "record header", offset);
			int tag = in.u1();
			in.u4();
			long length = in.u4() & 0xFFFFFFFFL;
			long start = in.position();
			long end = start + length;
			if (end > fileSize) {
				throw new HprofFormatException("Truncated " + recordName(tag) + " at offset " + offset + ": needs "
						+ length + " bytes, " + (fileSize - start) + " left", offset);
			}
			in.limit(end);
			String name = recordName(tag);
			switch (tag) {
				case 0x01 -> {
					in.require(idSize, name, offset);
					long id = nonZero(in.id(), "symbol id", name, offset);
					this.model.addSymbol(id, in.position(), (int) (end - in.position()));
				}
				case 0x02 -> {
					in.require(8L + 2 * idSize, name, offset);
					int serial = (int) nonZero(in.u4() & 0xFFFFFFFFL, "class serial", name, offset);
					long classId = nonZero(in.id(), "class id", name, offset);
					in.u4();
					long nameId = in.id();
					this.model.classNameIds.put(classId, this.model.loadClassNames.size());
					this.model.loadClassNames.add(nameId);
					this.model.classSerials.put(serial & 0xFFFFFFFFL, this.model.loadClassNames.size() - 1);
				}
				case 0x04 -> {
					in.require(8L + 4 * idSize, name, offset);
					long frameId = nonZero(in.id(), "frame id", name, offset);
					long method = in.id();
					long signature = in.id();
					long source = in.id();
					int classSerial = in.u4();
					int line = in.u4();
					this.model.frameIndex.put(frameId, this.model.frames.size());
					this.model.frames.add(new long[] { method, signature, source, classSerial & 0xFFFFFFFFL, line });
				}
				case 0x05 -> {
					in.require(12, name, offset);
					int serial = (int) nonZero(in.u4() & 0xFFFFFFFFL, "stack trace serial", name, offset);
					int threadSerial = in.u4();
					long count = in.u4() & 0xFFFFFFFFL;
					ByteBuffer frames = in.require(count * idSize, name, offset);
					long[] trace = new long[(int) count + 1];
					trace[0] = threadSerial;
					for (int i = 1; i <= count; i++) {
						trace[i] = (idSize == 8) ? frames.getLong() : (frames.getInt() & 0xFFFFFFFFL);
					}
					this.model.traceIndex.put(serial & 0xFFFFFFFFL, this.model.traces.size());
					this.model.traces.add(trace);
				}
				case 0x0C, 0x1C -> {
					if (ended) {
						throw new HprofFormatException(name + " at offset " + offset + " follows HEAP_DUMP_END", offset);
					}
					heapDump = true;
					segments |= tag == 0x1C;
					this.model.addSegment(start, end, 0);
				}
				case 0x2C -> ended = true;
				default -> {
					// Records HotSpot does not write, or that carry nothing for a snapshot
				}
			}
			in.limit(fileSize);
			in.seek(end);
		}
		if (!heapDump) {
			throw new HprofFormatException("No heap dump in the file: end of file at offset " + fileSize, fileSize);
		}
		if (segments && !ended) {
			throw new HprofFormatException(
					"Truncated file: HEAP_DUMP_END missing at the end of file, offset " + fileSize, fileSize);
		}
		scanSegments(progress);
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
			AtomicBoolean stop = new AtomicBoolean();
			Parallel.run(this.threads, "v8heapsnapshot-index", () -> second.scan(from, count, () -> Parallel.check(stop)),
					() -> first.scan(0, from, () -> {
						progress.update(first.bytesDone.get() + second.bytesDone.get(), total);
						Parallel.check(stop);
					}), () -> progress.update(first.bytesDone.get() + second.bytesDone.get(), total), stop);
			first.addTo(this.model);
			secondIds.appendTo(this.objects);
			second.addTo(this.model);
		}
	}

	private static long nonZero(long value, String what, String record, long offset) throws HprofFormatException {
		if (value == 0) {
			throw new HprofFormatException(record + " at offset " + offset + " has " + what + " 0", offset);
		}
		return value;
	}

	private static String recordName(int tag) {
		return switch (tag) {
			case 0x01 -> "UTF8";
			case 0x02 -> "LOAD_CLASS";
			case 0x04 -> "FRAME";
			case 0x05 -> "TRACE";
			case 0x0C -> "HEAP_DUMP";
			case 0x1C -> "HEAP_DUMP_SEGMENT";
			case 0x2C -> "HEAP_DUMP_END";
			default -> "record 0x" + Integer.toHexString(tag);
		};
	}

	/**
	 * Reads a range of segments: appends object ids to an index and keeps roots and class
	 * dumps in order.
	 */
	private final class SegmentScan implements HeapDumpVisitor {

		private final ObjectIdIndex ids;

		private final List<HeapModel.Root> roots = new ArrayList<>();

		private final List<ClassDump> classDumps = new ArrayList<>();

		private final List<Long> classDumpOffsets = new ArrayList<>();

		private final AtomicLong bytesDone = new AtomicLong();

		private long[] firstObjects = new long[0];

		private int firstSegment;

		SegmentScan(ObjectIdIndex ids) {
			this.ids = ids;
		}

		void scan(int from, int to, LinkPass.Checkpoint checkpoint) throws IOException {
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
			heap.classDumpOffsets.addAll(this.classDumpOffsets);
		}

		@Override
		public void root(RootKind kind, long objectId, int threadSerial, int index) {
			this.roots.add(new HeapModel.Root(kind, objectId, threadSerial, index));
		}

		@Override
		public void classDump(ClassDump dump, long offset) throws HprofFormatException {
			nonZero(dump.classId(), "class id", "CLASS_DUMP", offset);
			this.classDumps.add(dump);
			this.classDumpOffsets.add(offset);
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
