package io.github.v8heapsnapshot.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.v8heapsnapshot.hprof.HprofTag;
import org.jspecify.annotations.Nullable;

/**
 * Writes HPROF bytes by hand, record by record, as HotSpot lays them out: the header, UTF8,
 * LOAD_CLASS, FRAME, TRACE, HEAP_DUMP_SEGMENT with every sub-record kind, and HEAP_DUMP_END.
 * Names are written as UTF8 records on first use. Nothing is checked, so malformed files can
 * be built as well.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HprofBuilder {

	private final int idSize;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final Map<String, Long> names = new HashMap<>();

	private long nextNameId = 0x7000_0000L;

	/**
	 * Starts a file with the {@code JAVA PROFILE 1.0.2} header.
	 * @param idSize the size of identifiers: 8 as HotSpot writes, 4, or anything else for
	 * malformed files
	 */
	public HprofBuilder(int idSize) {
		this.idSize = idSize;
		this.out.writeBytes("JAVA PROFILE 1.0.2\0".getBytes(StandardCharsets.US_ASCII));
		Bytes header = new Bytes();
		header.u4(idSize);
		header.u8(1_764_000_000_000L);
		this.out.writeBytes(header.toByteArray());
	}

	/**
	 * Returns the identifier size of this file.
	 * @return the id size
	 */
	public int idSize() {
		return this.idSize;
	}

	/**
	 * Returns the id of a name, writing its UTF8 record on first use.
	 * @param name the name
	 * @return its id
	 */
	public long name(String name) {
		Long id = this.names.get(name);
		if (id == null) {
			id = this.nextNameId;
			this.nextNameId += 8;
			this.names.put(name, id);
			Bytes body = new Bytes();
			body.id(id);
			body.raw(name.getBytes(StandardCharsets.UTF_8));
			record(HprofTag.UTF8, body.toByteArray());
		}
		return id;
	}

	/**
	 * Writes a LOAD_CLASS record.
	 * @param serial the class serial number
	 * @param classId the id of the class object
	 * @param internalName the class name in internal form ({@code java/lang/String},
	 * {@code [I})
	 * @return this builder
	 */
	public HprofBuilder loadClass(int serial, long classId, String internalName) {
		long nameId = name(internalName);
		Bytes body = new Bytes();
		body.u4(serial);
		body.id(classId);
		body.u4(1);
		body.id(nameId);
		return record(HprofTag.LOAD_CLASS, body.toByteArray());
	}

	/**
	 * Writes a FRAME record.
	 * @param frameId the frame id
	 * @param method the method name
	 * @param signature the method signature
	 * @param sourceFile the source file name, or {@code null} for none (id 0)
	 * @param classSerial the serial of the method's class
	 * @param line the line number, or -1 unknown, -3 native
	 * @return this builder
	 */
	public HprofBuilder frame(long frameId, String method, String signature, @Nullable String sourceFile, int classSerial,
			int line) {
		long methodId = name(method);
		long signatureId = name(signature);
		long sourceId = (sourceFile != null) ? name(sourceFile) : 0;
		Bytes body = new Bytes();
		body.id(frameId);
		body.id(methodId);
		body.id(signatureId);
		body.id(sourceId);
		body.u4(classSerial);
		body.u4(line);
		return record(HprofTag.FRAME, body.toByteArray());
	}

	/**
	 * Writes a TRACE record.
	 * @param serial the stack trace serial
	 * @param threadSerial the thread serial
	 * @param frameIds the frames, top of the stack first
	 * @return this builder
	 */
	public HprofBuilder trace(int serial, int threadSerial, long... frameIds) {
		Bytes body = new Bytes();
		body.u4(serial);
		body.u4(threadSerial);
		body.u4(frameIds.length);
		for (long frameId : frameIds) {
			body.id(frameId);
		}
		return record(HprofTag.TRACE, body.toByteArray());
	}

	/**
	 * Writes a HEAP_DUMP_SEGMENT record with the given sub-records. Names used by the
	 * sub-records get their UTF8 records before the segment.
	 * @param contents writes the sub-records
	 * @return this builder
	 */
	public HprofBuilder segment(SegmentContents contents) {
		return heapDump(HprofTag.HEAP_DUMP_SEGMENT, contents);
	}

	/**
	 * Writes a heap dump record of another tag (the unsegmented {@link HprofTag#HEAP_DUMP}).
	 * @param tag the top-level tag
	 * @param contents writes the sub-records
	 * @return this builder
	 */
	public HprofBuilder heapDump(int tag, SegmentContents contents) {
		Segment segment = new Segment();
		contents.write(segment);
		return record(tag, segment.toByteArray());
	}

	/**
	 * Writes the HEAP_DUMP_END record.
	 * @return this builder
	 */
	public HprofBuilder end() {
		return record(HprofTag.HEAP_DUMP_END, new byte[0]);
	}

	/**
	 * Writes a top-level record whose length field matches its body.
	 * @param tag the tag
	 * @param body the body
	 * @return this builder
	 */
	public HprofBuilder record(int tag, byte[] body) {
		return record(tag, body.length, body);
	}

	/**
	 * Writes a top-level record with any length field.
	 * @param tag the tag
	 * @param length the length to write, whatever the body
	 * @param body the body
	 * @return this builder
	 */
	public HprofBuilder record(int tag, long length, byte[] body) {
		Bytes record = new Bytes();
		record.u1(tag);
		record.u4(0);
		record.u4((int) length);
		record.raw(body);
		this.out.writeBytes(record.toByteArray());
		return this;
	}

	/**
	 * Returns the number of bytes written so far.
	 * @return the offset of the next record
	 */
	public long size() {
		return this.out.size();
	}

	/**
	 * Returns the bytes written so far.
	 * @return the file content
	 */
	public byte[] toByteArray() {
		return this.out.toByteArray();
	}

	/**
	 * Writes the file.
	 * @param file where to write
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	public Path writeTo(Path file) throws IOException {
		return Files.write(file, toByteArray());
	}

	/**
	 * Writes the sub-records of a heap dump segment.
	 */
	@FunctionalInterface
	public interface SegmentContents {

		/**
		 * Writes sub-records.
		 * @param segment the segment to write to
		 */
		void write(Segment segment);

	}

	/**
	 * HPROF basic types, with their codes.
	 */
	public enum Type {

		/**
		 * A reference.
		 */
		OBJECT(2),

		/**
		 * A boolean.
		 */
		BOOLEAN(4),

		/**
		 * A char.
		 */
		CHAR(5),

		/**
		 * A float.
		 */
		FLOAT(6),

		/**
		 * A double.
		 */
		DOUBLE(7),

		/**
		 * A byte.
		 */
		BYTE(8),

		/**
		 * A short.
		 */
		SHORT(9),

		/**
		 * An int.
		 */
		INT(10),

		/**
		 * A long.
		 */
		LONG(11);

		private final int code;

		Type(int code) {
			this.code = code;
		}

		/**
		 * Returns the HPROF type code.
		 * @return the code
		 */
		public int code() {
			return this.code;
		}

		/**
		 * Returns the size of a value of this type in HPROF.
		 * @param idSize the identifier size
		 * @return the size in bytes
		 */
		public int size(int idSize) {
			return switch (this) {
				case OBJECT -> idSize;
				case BOOLEAN, BYTE -> 1;
				case CHAR, SHORT -> 2;
				case FLOAT, INT -> 4;
				case DOUBLE, LONG -> 8;
			};
		}

	}

	/**
	 * A field of a CLASS_DUMP: a static field with its value or an instance field.
	 *
	 * @param name the field name
	 * @param type the field type
	 * @param value the value of a static field (an id, or the bits of a primitive)
	 */
	public record Field(String name, Type type, long value) {

		/**
		 * Returns an instance field.
		 * @param name the field name
		 * @param type the field type
		 * @return the field
		 */
		public static Field of(String name, Type type) {
			return new Field(name, type, 0);
		}

	}

	/**
	 * The sub-records of one heap dump record.
	 */
	public final class Segment {

		private final Bytes bytes = new Bytes();

		private Segment() {
		}

		/**
		 * Writes a ROOT_UNKNOWN sub-record.
		 * @param objectId the object
		 * @return this segment
		 */
		public Segment rootUnknown(long objectId) {
			this.bytes.u1(0xFF);
			this.bytes.id(objectId);
			return this;
		}

		/**
		 * Writes a ROOT_JNI_GLOBAL sub-record.
		 * @param objectId the object
		 * @param referenceId the JNI global reference
		 * @return this segment
		 */
		public Segment rootJniGlobal(long objectId, long referenceId) {
			this.bytes.u1(0x01);
			this.bytes.id(objectId);
			this.bytes.id(referenceId);
			return this;
		}

		/**
		 * Writes a ROOT_JNI_LOCAL sub-record.
		 * @param objectId the object
		 * @param threadSerial the thread
		 * @param frame the frame index in the thread's trace
		 * @return this segment
		 */
		public Segment rootJniLocal(long objectId, int threadSerial, int frame) {
			return threadRoot(0x02, objectId, threadSerial, frame);
		}

		/**
		 * Writes a ROOT_JAVA_FRAME sub-record.
		 * @param objectId the object
		 * @param threadSerial the thread
		 * @param frame the frame index in the thread's trace
		 * @return this segment
		 */
		public Segment rootJavaFrame(long objectId, int threadSerial, int frame) {
			return threadRoot(0x03, objectId, threadSerial, frame);
		}

		/**
		 * Writes a ROOT_NATIVE_STACK sub-record.
		 * @param objectId the object
		 * @param threadSerial the thread
		 * @return this segment
		 */
		public Segment rootNativeStack(long objectId, int threadSerial) {
			this.bytes.u1(0x04);
			this.bytes.id(objectId);
			this.bytes.u4(threadSerial);
			return this;
		}

		/**
		 * Writes a ROOT_STICKY_CLASS sub-record.
		 * @param classId the class
		 * @return this segment
		 */
		public Segment rootStickyClass(long classId) {
			this.bytes.u1(0x05);
			this.bytes.id(classId);
			return this;
		}

		/**
		 * Writes a ROOT_THREAD_BLOCK sub-record.
		 * @param objectId the object
		 * @param threadSerial the thread
		 * @return this segment
		 */
		public Segment rootThreadBlock(long objectId, int threadSerial) {
			this.bytes.u1(0x06);
			this.bytes.id(objectId);
			this.bytes.u4(threadSerial);
			return this;
		}

		/**
		 * Writes a ROOT_MONITOR_USED sub-record.
		 * @param objectId the object
		 * @return this segment
		 */
		public Segment rootMonitorUsed(long objectId) {
			this.bytes.u1(0x07);
			this.bytes.id(objectId);
			return this;
		}

		/**
		 * Writes a ROOT_THREAD_OBJ sub-record.
		 * @param threadId the thread object
		 * @param threadSerial the thread serial
		 * @param traceSerial the serial of the thread's stack trace
		 * @return this segment
		 */
		public Segment rootThreadObject(long threadId, int threadSerial, int traceSerial) {
			return threadRoot(0x08, threadId, threadSerial, traceSerial);
		}

		/**
		 * Writes a CLASS_DUMP sub-record.
		 * @param classId the class object
		 * @param superId the superclass, 0 for {@code java.lang.Object}
		 * @param loaderId the class loader, 0 for the boot loader
		 * @param statics the static fields with their values
		 * @param fields the instance fields declared by this class (not inherited)
		 * @return this segment
		 */
		public Segment classDump(long classId, long superId, long loaderId, List<Field> statics, List<Field> fields) {
			return classDump(classId, superId, loaderId,
					fields.stream().mapToInt((field) -> field.type().size(HprofBuilder.this.idSize)).sum(), statics,
					fields);
		}

		/**
		 * Writes a CLASS_DUMP sub-record with a given instance size.
		 * @param classId the class object
		 * @param superId the superclass, 0 for {@code java.lang.Object}
		 * @param loaderId the class loader, 0 for the boot loader
		 * @param instanceSize the instance size to write (HotSpot: the field bytes of the
		 * class and its superclasses)
		 * @param statics the static fields with their values
		 * @param fields the instance fields declared by this class (not inherited)
		 * @return this segment
		 */
		public Segment classDump(long classId, long superId, long loaderId, int instanceSize, List<Field> statics,
				List<Field> fields) {
			long[] staticNames = statics.stream().mapToLong((field) -> name(field.name())).toArray();
			long[] fieldNames = fields.stream().mapToLong((field) -> name(field.name())).toArray();
			this.bytes.u1(0x20);
			this.bytes.id(classId);
			this.bytes.u4(1);
			this.bytes.id(superId);
			this.bytes.id(loaderId);
			this.bytes.id(0);
			this.bytes.id(0);
			this.bytes.id(0);
			this.bytes.id(0);
			this.bytes.u4(instanceSize);
			this.bytes.u2(0);
			this.bytes.u2(statics.size());
			for (int i = 0; i < statics.size(); i++) {
				Field field = statics.get(i);
				this.bytes.id(staticNames[i]);
				this.bytes.u1(field.type().code());
				this.bytes.value(field.type(), field.value());
			}
			this.bytes.u2(fields.size());
			for (int i = 0; i < fields.size(); i++) {
				this.bytes.id(fieldNames[i]);
				this.bytes.u1(fields.get(i).type().code());
			}
			return this;
		}

		/**
		 * Writes an INSTANCE_DUMP sub-record.
		 * @param objectId the object
		 * @param classId its class
		 * @param values the field values, from {@link #values()}
		 * @return this segment
		 */
		public Segment instance(long objectId, long classId, Values values) {
			byte[] fieldBytes = values.toByteArray();
			this.bytes.u1(0x21);
			this.bytes.id(objectId);
			this.bytes.u4(1);
			this.bytes.id(classId);
			this.bytes.u4(fieldBytes.length);
			this.bytes.raw(fieldBytes);
			return this;
		}

		/**
		 * Writes an OBJ_ARRAY_DUMP sub-record.
		 * @param arrayId the array
		 * @param arrayClassId the array class
		 * @param elements the element ids, 0 for null
		 * @return this segment
		 */
		public Segment objectArray(long arrayId, long arrayClassId, long... elements) {
			this.bytes.u1(0x22);
			this.bytes.id(arrayId);
			this.bytes.u4(1);
			this.bytes.u4(elements.length);
			this.bytes.id(arrayClassId);
			for (long element : elements) {
				this.bytes.id(element);
			}
			return this;
		}

		/**
		 * Writes a PRIM_ARRAY_DUMP sub-record.
		 * @param arrayId the array
		 * @param type the element type
		 * @param length the length to write
		 * @param elements the element bytes, big-endian
		 * @return this segment
		 */
		public Segment primitiveArray(long arrayId, Type type, int length, byte[] elements) {
			this.bytes.u1(0x23);
			this.bytes.id(arrayId);
			this.bytes.u4(1);
			this.bytes.u4(length);
			this.bytes.u1(type.code());
			this.bytes.raw(elements);
			return this;
		}

		/**
		 * Writes a PRIM_ARRAY_DUMP sub-record of a {@code byte[]}.
		 * @param arrayId the array
		 * @param elements the elements
		 * @return this segment
		 */
		public Segment byteArray(long arrayId, byte[] elements) {
			return primitiveArray(arrayId, Type.BYTE, elements.length, elements);
		}

		/**
		 * Writes raw bytes, such as an unknown sub-record tag.
		 * @param raw the bytes
		 * @return this segment
		 */
		public Segment raw(byte[] raw) {
			this.bytes.raw(raw);
			return this;
		}

		/**
		 * Returns a writer of instance field values in this file's id size.
		 * @return the values
		 */
		public Values values() {
			return new Values();
		}

		private Segment threadRoot(int tag, long objectId, int threadSerial, int index) {
			this.bytes.u1(tag);
			this.bytes.id(objectId);
			this.bytes.u4(threadSerial);
			this.bytes.u4(index);
			return this;
		}

		private byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

	}

	/**
	 * The field values of an INSTANCE_DUMP, in the order of the class's fields and then its
	 * superclasses'.
	 */
	public final class Values {

		private final Bytes bytes = new Bytes();

		private Values() {
		}

		/**
		 * Adds a reference.
		 * @param id the referenced object, 0 for null
		 * @return these values
		 */
		public Values reference(long id) {
			this.bytes.id(id);
			return this;
		}

		/**
		 * Adds a value of a primitive type.
		 * @param type the type
		 * @param bits the value's bits (as {@link Double#doubleToLongBits} for doubles)
		 * @return these values
		 */
		public Values primitive(Type type, long bits) {
			this.bytes.value(type, bits);
			return this;
		}

		private byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

	}

	/**
	 * Big-endian bytes with ids of this file's size.
	 */
	private final class Bytes {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		void u1(int value) {
			this.bytes.write(value);
		}

		void u2(int value) {
			u1(value >>> 8);
			u1(value);
		}

		void u4(int value) {
			u2(value >>> 16);
			u2(value);
		}

		void u8(long value) {
			u4((int) (value >>> 32));
			u4((int) value);
		}

		void id(long value) {
			for (int shift = (HprofBuilder.this.idSize - 1) * 8; shift >= 0; shift -= 8) {
				u1((int) (value >>> shift));
			}
		}

		void value(Type type, long bits) {
			switch (type.size(HprofBuilder.this.idSize)) {
				case 1 -> u1((int) bits);
				case 2 -> u2((int) bits);
				case 4 -> u4((int) bits);
				default -> {
					if (type == Type.OBJECT) {
						id(bits);
					}
					else {
						u8(bits);
					}
				}
			}
		}

		void raw(byte[] raw) {
			this.bytes.writeBytes(raw);
		}

		byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

	}

}
