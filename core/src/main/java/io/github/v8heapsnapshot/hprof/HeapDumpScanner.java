package io.github.v8heapsnapshot.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Walks the sub-records of a HEAP_DUMP or HEAP_DUMP_SEGMENT body. Sub-records carry no
 * length, so every one is parsed; an unknown tag is fatal, and no sub-record may pass the
 * end of its segment.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HeapDumpScanner {

	private static final RootKind[] ROOTS = { null, RootKind.JNI_GLOBAL, RootKind.JNI_LOCAL, RootKind.JAVA_FRAME,
			RootKind.NATIVE_STACK, RootKind.STICKY_CLASS, RootKind.THREAD_BLOCK, RootKind.MONITOR_USED,
			RootKind.THREAD_OBJECT };

	private HeapDumpScanner() {
	}

	/**
	 * Scans the sub-records from the input's position to {@code end}.
	 * @param in the input
	 * @param end the offset where the segment ends
	 * @param visitor receives the records
	 * @throws IOException if the segment is malformed or cannot be read
	 */
	public static void scan(HprofInput in, long end, HeapDumpVisitor visitor) throws IOException {
		in.limit(end);
		int idSize = in.idSize();
		while (in.position() < end) {
			long offset = in.position();
			int tag = in.require(1, "heap dump sub-record", offset).get() & 0xFF;
			switch (tag) {
				case HprofTag.ROOT_UNKNOWN -> {
					in.require(idSize, "ROOT_UNKNOWN", offset);
					visitor.root(RootKind.UNKNOWN, in.id(), 0, 0);
				}
				case HprofTag.ROOT_JNI_GLOBAL -> {
					in.require(2L * idSize, "ROOT_JNI_GLOBAL", offset);
					long id = in.id();
					in.id();
					visitor.root(RootKind.JNI_GLOBAL, id, 0, 0);
				}
				case HprofTag.ROOT_JNI_LOCAL, HprofTag.ROOT_JAVA_FRAME, HprofTag.ROOT_THREAD_OBJ -> {
					in.require(idSize + 8, rootName(tag), offset);
					long id = in.id();
					int serial = in.u4();
					visitor.root(ROOTS[tag], id, serial, in.u4());
				}
				case HprofTag.ROOT_NATIVE_STACK, HprofTag.ROOT_THREAD_BLOCK -> {
					in.require(idSize + 4, rootName(tag), offset);
					long id = in.id();
					visitor.root(ROOTS[tag], id, in.u4(), 0);
				}
				case HprofTag.ROOT_STICKY_CLASS, HprofTag.ROOT_MONITOR_USED -> {
					in.require(idSize, rootName(tag), offset);
					visitor.root(ROOTS[tag], in.id(), 0, 0);
				}
				case HprofTag.CLASS_DUMP -> {
					ClassDump dump = readClassDump(in, offset);
					// A class without a mirror, on a nearly full heap: no object or static field is of it
					if (dump.classId() != 0) {
						visitor.classDump(dump, offset);
					}
				}
				case HprofTag.INSTANCE_DUMP -> {
					in.require(2L * idSize + 8, "INSTANCE_DUMP", offset);
					long id = in.id();
					in.u4();
					long classId = in.id();
					long length = in.u4() & 0xFFFFFFFFL;
					in.require(length, "INSTANCE_DUMP", offset);
					long next = in.position() + length;
					visitor.instance(id, classId, (int) length, in, offset);
					in.seek(next);
				}
				case HprofTag.OBJ_ARRAY_DUMP -> {
					in.require(2L * idSize + 8, "OBJ_ARRAY_DUMP", offset);
					long id = in.id();
					in.u4();
					long length = in.u4() & 0xFFFFFFFFL;
					long classId = in.id();
					long bytes = length * idSize;
					if (bytes > in.remaining()) {
						throw HprofFormatException.truncated("OBJ_ARRAY_DUMP", offset, bytes, in.remaining());
					}
					long next = in.position() + bytes;
					visitor.objectArray(id, classId, (int) length, in, offset);
					in.seek(next);
				}
				case HprofTag.PRIM_ARRAY_DUMP -> {
					in.require(idSize + 9, "PRIM_ARRAY_DUMP", offset);
					long id = in.id();
					in.u4();
					long length = in.u4() & 0xFFFFFFFFL;
					int type = in.u1();
					if (!BasicType.isPrimitive(type)) {
						throw new HprofFormatException(
								"Unknown element type " + type + " in PRIM_ARRAY_DUMP at offset " + offset, offset);
					}
					long bytes = length * BasicType.primitiveSize(type);
					if (bytes > in.remaining()) {
						throw HprofFormatException.truncated("PRIM_ARRAY_DUMP", offset, bytes, in.remaining());
					}
					long next = in.position() + bytes;
					visitor.primitiveArray(id, type, (int) length, in, offset);
					in.seek(next);
				}
				default -> throw new HprofFormatException(
						"Unknown heap dump sub-record tag 0x" + Integer.toHexString(tag) + " at offset " + offset, offset);
			}
		}
	}

	private static String rootName(int tag) {
		return "ROOT_" + ROOTS[tag].name();
	}

	private static ClassDump readClassDump(HprofInput in, long offset) throws IOException {
		String record = "CLASS_DUMP";
		int idSize = in.idSize();
		in.require(7L * idSize + 8, record, offset);
		long classId = in.id();
		in.u4();
		long superId = in.id();
		long loaderId = in.id();
		long signersId = in.id();
		long protectionDomainId = in.id();
		in.id();
		in.id();
		int instanceSize = in.u4();
		int constants = in.require(2, record, offset).getShort() & 0xFFFF;
		for (int i = 0; i < constants; i++) {
			in.require(3, record, offset);
			in.u2();
			int type = in.u1();
			in.require(valueSize(type, idSize, offset), record, offset);
			in.skip(valueSize(type, idSize, offset));
		}
		int statics = in.require(2, record, offset).getShort() & 0xFFFF;
		long[] staticNameIds = new long[statics];
		byte[] staticTypes = new byte[statics];
		long[] staticValues = new long[statics];
		for (int i = 0; i < statics; i++) {
			in.require(idSize + 1, record, offset);
			staticNameIds[i] = in.id();
			int type = in.u1();
			int size = valueSize(type, idSize, offset);
			ByteBuffer buffer = in.require(size, record, offset);
			staticTypes[i] = (byte) type;
			staticValues[i] = switch (size) {
				case 1 -> buffer.get();
				case 2 -> buffer.getShort();
				case 4 -> (type == BasicType.OBJECT) ? (buffer.getInt() & 0xFFFFFFFFL) : buffer.getInt();
				default -> buffer.getLong();
			};
		}
		int fields = in.require(2, record, offset).getShort() & 0xFFFF;
		long[] fieldNameIds = new long[fields];
		byte[] fieldTypes = new byte[fields];
		for (int i = 0; i < fields; i++) {
			in.require(idSize + 1, record, offset);
			fieldNameIds[i] = in.id();
			int type = in.u1();
			valueSize(type, idSize, offset);
			fieldTypes[i] = (byte) type;
		}
		return new ClassDump(classId, superId, loaderId, signersId, protectionDomainId, instanceSize, staticNameIds,
				staticTypes, staticValues, fieldNameIds, fieldTypes);
	}

	private static int valueSize(int type, int idSize, long offset) throws HprofFormatException {
		int size = BasicType.recordSize(type, idSize);
		if (size < 0) {
			throw new HprofFormatException("Unknown basic type " + type + " in CLASS_DUMP at offset " + offset, offset);
		}
		return size;
	}

}
