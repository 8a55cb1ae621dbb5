package io.github.v8heapsnapshot.hostile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the records and heap sub-records of a well-formed HPROF file start and end, read
 * independently of the engine so that tests can aim their damage at a chosen structure.
 *
 * @author v8heapsnapshot developers
 */
final class HprofMap {

	static final int HEADER_LENGTH = 19 + 4 + 8;

	static final int TAG_UTF8 = 0x01;

	static final int TAG_LOAD_CLASS = 0x02;

	static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;

	static final int CLASS_DUMP = 0x20;

	static final int INSTANCE_DUMP = 0x21;

	static final int OBJ_ARRAY_DUMP = 0x22;

	static final int PRIM_ARRAY_DUMP = 0x23;

	private final ByteBuffer bytes;

	private final int idSize;

	private final List<Record> records = new ArrayList<>();

	private final List<SubRecord> subRecords = new ArrayList<>();

	private final Map<Long, String> classNames = new HashMap<>();

	private HprofMap(byte[] content) {
		this.bytes = ByteBuffer.wrap(content);
		this.idSize = this.bytes.getInt(19);
		Map<Long, String> utf8 = new HashMap<>();
		int offset = HEADER_LENGTH;
		while (offset < content.length) {
			Record record = new Record(offset, content[offset] & 0xFF, this.bytes.getInt(offset + 5));
			this.records.add(record);
			if (record.tag() == TAG_UTF8) {
				utf8.put(id(record.body()), new String(content, record.body() + this.idSize,
						record.length() - this.idSize, StandardCharsets.UTF_8));
			}
			else if (record.tag() == TAG_LOAD_CLASS) {
				this.classNames.put(id(record.body() + 4), utf8.get(id(record.body() + 8 + this.idSize)));
			}
			else if (record.tag() == TAG_HEAP_DUMP_SEGMENT) {
				int sub = record.body();
				while (sub < record.end()) {
					int end = subRecordEnd(sub);
					this.subRecords.add(new SubRecord(sub, content[sub] & 0xFF, end));
					sub = end;
				}
			}
			offset = record.end();
		}
	}

	static HprofMap of(byte[] content) {
		return new HprofMap(content);
	}

	/**
	 * Returns a damaged copy of the file.
	 * @param damage what to do to the copy, through a buffer over it
	 * @return the damaged copy
	 */
	byte[] damaged(Consumer<ByteBuffer> damage) {
		byte[] copy = content();
		damage.accept(ByteBuffer.wrap(copy));
		return copy;
	}

	int length() {
		return this.bytes.capacity();
	}

	byte[] content() {
		return this.bytes.array().clone();
	}

	int idSize() {
		return this.idSize;
	}

	List<Record> records() {
		return this.records;
	}

	List<SubRecord> subRecords() {
		return this.subRecords;
	}

	List<SubRecord> subRecords(int tag) {
		return this.subRecords.stream().filter((sub) -> sub.tag() == tag).toList();
	}

	/**
	 * Returns the ids of the objects, arrays and classes in the heap dump.
	 * @return the ids
	 */
	Set<Long> objectIds() {
		Set<Long> ids = new HashSet<>();
		for (SubRecord sub : this.subRecords) {
			if (sub.tag() >= CLASS_DUMP && sub.tag() <= PRIM_ARRAY_DUMP) {
				ids.add(id(sub.offset() + 1));
			}
		}
		return ids;
	}

	Record lastRecord() {
		return this.records.get(this.records.size() - 1);
	}

	Record segmentOf(SubRecord sub) {
		return this.records.stream()
			.filter((record) -> record.offset() < sub.offset() && sub.offset() < record.end())
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Returns the CLASS_DUMP of the class with the given internal name.
	 * @param name a class name such as {@code java/util/ArrayList}
	 * @return its CLASS_DUMP sub-record
	 */
	SubRecord classDump(String name) {
		return subRecords(CLASS_DUMP).stream()
			.filter((sub) -> name.equals(this.classNames.get(id(sub.offset() + 1))))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No class " + name + " in the dump"));
	}

	/**
	 * Returns the offset of the id, u4 or u1 field of a sub-record that follows its own id
	 * and a u4 serial: the superclass of a CLASS_DUMP, the class of an INSTANCE_DUMP, the
	 * length of an array.
	 * @param sub the sub-record
	 * @return the offset of the field after the object id and the stack trace serial
	 */
	int afterIdAndSerial(SubRecord sub) {
		return sub.offset() + 1 + this.idSize + 4;
	}

	/**
	 * Returns the offset of the first element of an OBJ_ARRAY_DUMP.
	 * @param sub the array
	 * @return the offset of element 0
	 */
	int firstElement(SubRecord sub) {
		return afterIdAndSerial(sub) + 4 + this.idSize;
	}

	int length(SubRecord array) {
		return this.bytes.getInt(afterIdAndSerial(array));
	}

	long id(int offset) {
		return (this.idSize == 8) ? this.bytes.getLong(offset) : Integer.toUnsignedLong(this.bytes.getInt(offset));
	}

	private int subRecordEnd(int offset) {
		int id = this.idSize;
		int tag = this.bytes.get(offset) & 0xFF;
		int body = offset + 1;
		return switch (tag) {
			case 0xFF, 0x05, 0x07 -> body + id;
			case 0x01 -> body + 2 * id;
			case 0x02, 0x03, 0x08 -> body + id + 8;
			case 0x04, 0x06 -> body + id + 4;
			case CLASS_DUMP -> classDumpEnd(body);
			case INSTANCE_DUMP -> body + 2 * id + 8 + this.bytes.getInt(body + 2 * id + 4);
			case OBJ_ARRAY_DUMP -> body + 2 * id + 8 + this.bytes.getInt(body + id + 4) * id;
			case PRIM_ARRAY_DUMP -> body + id + 9
					+ this.bytes.getInt(body + id + 4) * valueSize(this.bytes.get(body + id + 8));
			default -> throw new IllegalStateException("Unknown sub-record tag " + tag + " at " + offset);
		};
	}

	private int classDumpEnd(int body) {
		int offset = body + 7 * this.idSize + 8;
		int constants = this.bytes.getShort(offset) & 0xFFFF;
		offset += 2;
		for (int i = 0; i < constants; i++) {
			offset += 2 + 1 + valueSize(this.bytes.get(offset + 2));
		}
		int statics = this.bytes.getShort(offset) & 0xFFFF;
		offset += 2;
		for (int i = 0; i < statics; i++) {
			offset += this.idSize + 1 + valueSize(this.bytes.get(offset + this.idSize));
		}
		int fields = this.bytes.getShort(offset) & 0xFFFF;
		return offset + 2 + fields * (this.idSize + 1);
	}

	private int valueSize(byte type) {
		return switch (type) {
			case 2 -> this.idSize;
			case 4, 8 -> 1;
			case 5, 9 -> 2;
			case 6, 10 -> 4;
			case 7, 11 -> 8;
			default -> throw new IllegalStateException("Unknown basic type " + type);
		};
	}

	/**
	 * A top-level record.
	 *
	 * @param offset where its tag is
	 * @param tag its tag
	 * @param length the length of its body
	 */
	record Record(int offset, int tag, int length) {

		int body() {
			return this.offset + 9;
		}

		int end() {
			return body() + this.length;
		}

	}

	/**
	 * A heap sub-record.
	 *
	 * @param offset where its tag is
	 * @param tag its tag
	 * @param end the offset just after it
	 */
	record SubRecord(int offset, int tag, int end) {

	}

}
