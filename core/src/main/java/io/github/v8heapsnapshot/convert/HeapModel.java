package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.hprof.ClassDump;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.hprof.ModifiedUtf8;
import io.github.v8heapsnapshot.hprof.RootKind;
import io.github.v8heapsnapshot.hprof.StackFrame;
import io.github.v8heapsnapshot.hprof.StackTrace;
import io.github.v8heapsnapshot.index.LongIntMap;
import io.github.v8heapsnapshot.index.ObjectIdIndex;

/**
 * What the index pass learns of a dump: symbols (as file offsets), classes, stack frames
 * and traces, GC roots, the heap dump segments and the index of object ids. Everything but
 * the object index is small and on the heap.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class HeapModel {

	final FileChannel channel;

	final long fileSize;

	final int idSize;

	final ObjectIdIndex objects;

	private final LongIntMap symbolIndex = new LongIntMap();

	private long[] symbolOffsets = new long[1024];

	private int[] symbolLengths = new int[1024];

	private int symbolCount;

	final LongIntMap classNameIds = new LongIntMap();

	final List<Long> loadClassNames = new ArrayList<>();

	final LongIntMap classSerials = new LongIntMap();

	final LongIntMap frameIndex = new LongIntMap();

	final List<StackFrame> frames = new ArrayList<>();

	final LongIntMap traceIndex = new LongIntMap();

	final List<StackTrace> traces = new ArrayList<>();

	final List<ClassDumpRecord> classDumps = new ArrayList<>();

	final List<Root> roots = new ArrayList<>();

	private final List<Segment> segments = new ArrayList<>();

	HeapModel(FileChannel channel, long fileSize, int idSize, ObjectIdIndex objects) {
		this.channel = channel;
		this.fileSize = fileSize;
		this.idSize = idSize;
		this.objects = objects;
	}

	void addSymbol(long id, long offset, int length) {
		if (this.symbolCount == this.symbolOffsets.length) {
			this.symbolOffsets = Arrays.copyOf(this.symbolOffsets, this.symbolCount * 2);
			this.symbolLengths = Arrays.copyOf(this.symbolLengths, this.symbolCount * 2);
		}
		this.symbolOffsets[this.symbolCount] = offset;
		this.symbolLengths[this.symbolCount] = length;
		this.symbolIndex.put(id, this.symbolCount++);
	}

	/**
	 * Reads a symbol from the file.
	 * @param id the symbol id
	 * @return the decoded symbol, or {@code null} if the dump has no such symbol
	 */
	@Nullable String symbol(long id) throws IOException {
		int index = this.symbolIndex.get(id, -1);
		if (index < 0) {
			return null;
		}
		ByteBuffer bytes = ByteBuffer.allocate(this.symbolLengths[index]);
		long at = this.symbolOffsets[index];
		while (bytes.hasRemaining()) {
			if (this.channel.read(bytes, at + bytes.position()) < 0) {
				throw new HprofFormatException("Truncated UTF8 at offset " + at, at);
			}
		}
		return ModifiedUtf8.decode(bytes.array(), 0, bytes.capacity());
	}

	/**
	 * Returns a symbol, or a fallback when the dump lacks it.
	 */
	String symbol(long id, String fallback) throws IOException {
		String symbol = symbol(id);
		return (symbol != null) ? symbol : fallback;
	}

	void addSegment(long start, long end, long firstObject) {
		this.segments.add(new Segment(start, end, firstObject));
	}

	int segmentCount() {
		return this.segments.size();
	}

	long segmentStart(int segment) {
		return this.segments.get(segment).start();
	}

	long segmentEnd(int segment) {
		return this.segments.get(segment).end();
	}

	void segmentFirstObject(int segment, long firstObject) {
		Segment found = this.segments.get(segment);
		this.segments.set(segment, new Segment(found.start(), found.end(), firstObject));
	}

	long segmentFirstObject(int segment) {
		return this.segments.get(segment).firstObject();
	}

	/**
	 * A GC root record.
	 *
	 * @param kind the kind of root
	 * @param objectId the object held
	 * @param threadSerial the thread serial, or 0
	 * @param index the frame index or trace serial, see
	 * {@link io.github.v8heapsnapshot.hprof.HeapDumpVisitor#root}
	 */
	record Root(RootKind kind, long objectId, int threadSerial, int index) {

	}

	/**
	 * A CLASS_DUMP sub-record.
	 *
	 * @param dump what it holds
	 * @param offset where it starts in the file
	 */
	record ClassDumpRecord(ClassDump dump, long offset) {

	}

	/**
	 * A heap dump segment record's body.
	 *
	 * @param start the offset of its first sub-record
	 * @param end the offset after its last one
	 * @param firstObject the ordinal of its first object, once the index pass counted them
	 */
	record Segment(long start, long end, long firstObject) {

	}

}
