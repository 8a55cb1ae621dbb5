package io.github.v8heapsnapshot.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the header and the top-level records of an HPROF file and hands them to a
 * {@link HprofRecordVisitor}. Every record must fit in the file, every id a record names must
 * be set, and a segmented heap dump must end with HEAP_DUMP_END.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class HprofReader {

	private static final String MAGIC = "JAVA PROFILE 1.0.";

	private HprofReader() {
	}

	/**
	 * Reads the file header.
	 * @param channel the file
	 * @return the input for the records, positioned after the header, with the file's
	 * identifier size
	 * @param bufferSize the buffer capacity of the returned input
	 * @throws IOException if the file is not HPROF or cannot be read
	 */
	public static HprofInput open(FileChannel channel, int bufferSize) throws IOException {
		long fileSize = channel.size();
		HprofInput header = new HprofInput(channel, fileSize, 64, 8);
		ByteBuffer buffer = header.require(Math.min(31, fileSize), "file header", 0);
		StringBuilder magic = new StringBuilder();
		int b;
		while (buffer.hasRemaining() && (b = buffer.get()) != 0) {
			magic.append((char) (b & 0xFF));
		}
		if (!magic.toString().startsWith(MAGIC)) {
			throw new HprofFormatException("Not an HPROF file: no \"" + MAGIC + "\" header at offset 0", 0);
		}
		long at = header.position();
		header.require(12, "file header", 0);
		int idSize = header.u4();
		if (idSize != 4 && idSize != 8) {
			throw new HprofFormatException("Unsupported identifier size " + idSize + " at offset " + at, at);
		}
		header.u8();
		HprofInput in = new HprofInput(channel, fileSize, bufferSize, idSize);
		in.seek(header.position());
		return in;
	}

	/**
	 * Reads the records from the input's position to the end of the file.
	 * @param in the input
	 * @param visitor receives the records
	 * @throws IOException if a record is malformed, the file has no heap dump, or it cannot
	 * be read
	 */
	public static void readRecords(HprofInput in, HprofRecordVisitor visitor) throws IOException {
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
			String name = HprofTag.recordName(tag);
			if (end > fileSize) {
				throw new HprofFormatException("Truncated " + name + " at offset " + offset + ": needs " + length
						+ " bytes, " + (fileSize - start) + " left", offset);
			}
			in.limit(end);
			switch (tag) {
				case HprofTag.UTF8 -> {
					in.require(idSize, name, offset);
					long id = nonZero(in.id(), "symbol id", name, offset);
					visitor.symbol(id, in.position(), (int) (end - in.position()));
				}
				case HprofTag.LOAD_CLASS -> {
					in.require(8L + 2 * idSize, name, offset);
					int serial = (int) nonZero(in.u4() & 0xFFFFFFFFL, "class serial", name, offset);
					long classId = in.id();
					in.u4();
					long nameId = in.id();
					// A class whose mirror a nearly full heap could not hold: no object can be of it
					if (classId != 0) {
						visitor.loadClass(serial, classId, nameId);
					}
				}
				case HprofTag.FRAME -> {
					in.require(8L + 4 * idSize, name, offset);
					long frameId = nonZero(in.id(), "frame id", name, offset);
					long method = in.id();
					long signature = in.id();
					long source = in.id();
					int classSerial = in.u4();
					visitor.stackFrame(
							new StackFrame(frameId, method, signature, source, classSerial & 0xFFFFFFFFL, in.u4()));
				}
				case HprofTag.TRACE -> {
					in.require(12, name, offset);
					int serial = (int) nonZero(in.u4() & 0xFFFFFFFFL, "stack trace serial", name, offset);
					int threadSerial = in.u4();
					long count = in.u4() & 0xFFFFFFFFL;
					ByteBuffer frames = in.require(count * idSize, name, offset);
					long[] frameIds = new long[(int) count];
					for (int i = 0; i < count; i++) {
						frameIds[i] = (idSize == 8) ? frames.getLong() : (frames.getInt() & 0xFFFFFFFFL);
					}
					visitor.stackTrace(new StackTrace(serial & 0xFFFFFFFFL, threadSerial, frameIds));
				}
				case HprofTag.HEAP_DUMP, HprofTag.HEAP_DUMP_SEGMENT -> {
					if (ended) {
						throw new HprofFormatException(name + " at offset " + offset + " follows HEAP_DUMP_END", offset);
					}
					heapDump = true;
					segments |= tag == HprofTag.HEAP_DUMP_SEGMENT;
					visitor.heapDump(start, end);
				}
				case HprofTag.HEAP_DUMP_END -> ended = true;
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
	}

	private static long nonZero(long value, String what, String record, long offset) throws HprofFormatException {
		if (value == 0) {
			throw new HprofFormatException(record + " at offset " + offset + " has " + what + " 0", offset);
		}
		return value;
	}

}
