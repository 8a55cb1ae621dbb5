package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.v8heapsnapshot.hostile.Attempts.Outcome;
import io.github.v8heapsnapshot.hostile.HprofMap.Record;
import io.github.v8heapsnapshot.hostile.HprofMap.SubRecord;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real dump with one structural fault at a known place: refused with an offset at that
 * place, or converted when the fault is one a reader must tolerate, and nothing left behind.
 *
 * @author v8heapsnapshot developers
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CorruptedDumpTests {

	private static final long MISSING_ID = 0x0000_7777_0000_0008L;

	@TempDir
	static Path directory;

	static byte[] dump;

	static HprofMap map;

	static SnapshotModel original;

	private Attempts attempts;

	@BeforeAll
	static void dumpSmallHeap() throws Exception {
		Path hprof = directory.resolve("small.hprof");
		ChildJvm.dumpSmallHeap(hprof, null);
		dump = Files.readAllBytes(hprof);
		map = HprofMap.of(dump);
		original = new Attempts(directory.resolve("original")).convert(hprof).converted();
	}

	@BeforeEach
	void prepareAttempts() throws IOException {
		this.attempts = new Attempts(Files.createTempDirectory(directory, "attempts"));
	}

	@Test
	void segmentLengthPastTheEnd() throws IOException {
		Record segment = lastSegment();
		HprofFormatException rejection = convert("segment-past-end",
				(bytes) -> bytes.putInt(segment.offset() + 5, segment.length() + 1000))
			.rejection();
		assertThat(rejection.offset()).isGreaterThanOrEqualTo(segment.offset());
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, -9, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7FFF_FFF0 })
	void recordLengthNegativeOrHuge(int length) throws IOException {
		Record utf8 = map.records().get(map.records().size() / 3);
		HprofFormatException rejection = convert("record-length-" + length,
				(bytes) -> bytes.putInt(utf8.offset() + 5, length))
			.rejection();
		assertThat(rejection.offset()).isGreaterThanOrEqualTo(utf8.offset());
	}

	@Test
	void utf8RecordShorterThanAnId() throws IOException {
		Record utf8 = map.records().get(1);
		assertThat(utf8.tag()).isEqualTo(HprofMap.TAG_UTF8);
		HprofFormatException rejection = convert("utf8-too-short", (bytes) -> bytes.putInt(utf8.offset() + 5, 3))
			.rejection();
		assertThat(rejection.offset()).isGreaterThanOrEqualTo(utf8.offset());
	}

	@Test
	void segmentLengthSplittingASubRecord() throws IOException {
		Record segment = firstSegment();
		HprofFormatException rejection = convert("segment-split",
				(bytes) -> bytes.putInt(segment.offset() + 5, segment.length() - 5))
			.rejection();
		assertThat(rejection.offset()).isBetween((long) segment.offset(), (long) segment.end());
	}

	@Test
	void unknownTopLevelRecordIsSkipped() throws IOException {
		Record segment = firstSegment();
		byte[] unknown = ByteBuffer.allocate(9 + 10).put((byte) 0x55).putInt(0).putInt(10).array();
		byte[] content = new byte[dump.length + unknown.length];
		System.arraycopy(dump, 0, content, 0, segment.offset());
		System.arraycopy(unknown, 0, content, segment.offset(), unknown.length);
		System.arraycopy(dump, segment.offset(), content, segment.offset() + unknown.length,
				dump.length - segment.offset());
		Path hprof = directory.resolve("unknown-record.hprof");
		Files.write(hprof, content);
		SnapshotModel converted = this.attempts.convert(hprof).converted();
		assertThat(converted.nodeCount()).isEqualTo(original.nodeCount());
		assertThat(converted.edgeCount()).isEqualTo(original.edgeCount());
	}

	@ParameterizedTest
	@ValueSource(ints = { 0x00, 0x09, 0x24, 0x99 })
	void unknownSubRecordTag(int tag) throws IOException {
		SubRecord instance = map.subRecords(HprofMap.INSTANCE_DUMP).get(100);
		HprofFormatException rejection = convert("sub-record-tag-" + tag,
				(bytes) -> bytes.put(instance.offset(), (byte) tag))
			.rejection();
		assertThat(rejection.offset()).isEqualTo(instance.offset());
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 3, 5, 16, -1 })
	void unsupportedIdSize(int idSize) throws IOException {
		HprofFormatException rejection = convert("id-size-" + idSize, (bytes) -> bytes.putInt(19, idSize))
			.rejection();
		assertThat(rejection.offset()).isBetween(19L, 23L);
	}

	@Test
	void fourByteIdsInAnEightByteDump() throws IOException {
		convert("id-size-4", (bytes) -> bytes.putInt(19, 4)).rejection();
	}

	@Test
	void superclassLoop() throws IOException {
		SubRecord list = map.classDump("java/util/ArrayList");
		SubRecord abstractList = map.classDump("java/util/AbstractList");
		convert("superclass-loop", (bytes) -> bytes.putLong(map.afterIdAndSerial(abstractList), idAt(list)))
			.rejection();
	}

	@Test
	void classIsItsOwnSuperclass() throws IOException {
		SubRecord object = map.classDump("java/lang/Object");
		convert("superclass-self", (bytes) -> bytes.putLong(map.afterIdAndSerial(object), idAt(object))).rejection();
	}

	@Test
	void missingSuperclass() throws IOException {
		SubRecord list = map.classDump("java/util/ArrayList");
		convert("superclass-missing", (bytes) -> bytes.putLong(map.afterIdAndSerial(list), MISSING_ID)).rejection();
	}

	@Test
	void instanceOfMissingClass() throws IOException {
		SubRecord instance = map.subRecords(HprofMap.INSTANCE_DUMP).get(200);
		HprofFormatException rejection = convert("instance-class-missing",
				(bytes) -> bytes.putLong(map.afterIdAndSerial(instance), MISSING_ID))
			.rejection();
		assertThat(rejection.offset()).isBetween((long) instance.offset(), (long) instance.end());
	}

	@Test
	void referencesToMissingObjectsAreNull() throws IOException {
		Set<Long> ids = map.objectIds();
		List<SubRecord> arrays = map.subRecords(HprofMap.OBJ_ARRAY_DUMP)
			.stream()
			.filter((sub) -> map.length(sub) > 0 && ids.contains(map.id(map.firstElement(sub))))
			.toList();
		SnapshotModel converted = convert("references-missing",
				(bytes) -> arrays.forEach((array) -> bytes.putLong(map.firstElement(array), MISSING_ID)))
			.converted();
		assertThat(converted.nodeCount()).isEqualTo(original.nodeCount());
		assertThat(converted.edgeCount()).isLessThan(original.edgeCount());
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MAX_VALUE, -1, 0x2000_0000, 0x4000_0000, 0x1000_0000 })
	void absurdPrimitiveArrayLength(int length) throws IOException {
		SubRecord array = map.subRecords(HprofMap.PRIM_ARRAY_DUMP).get(50);
		HprofFormatException rejection = convert("primitive-array-length-" + length,
				(bytes) -> bytes.putInt(map.afterIdAndSerial(array), length))
			.rejection();
		assertThat(rejection.offset()).isBetween((long) map.segmentOf(array).offset(), (long) array.end());
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MAX_VALUE, -1, 0x2000_0000, 0x1000_0000 })
	void absurdObjectArrayLength(int length) throws IOException {
		SubRecord array = map.subRecords(HprofMap.OBJ_ARRAY_DUMP).get(50);
		HprofFormatException rejection = convert("object-array-length-" + length,
				(bytes) -> bytes.putInt(map.afterIdAndSerial(array), length))
			.rejection();
		assertThat(rejection.offset()).isBetween((long) map.segmentOf(array).offset(), (long) array.end());
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MAX_VALUE, -1, 0x10_0000 })
	void absurdInstanceLength(int length) throws IOException {
		SubRecord instance = map.subRecords(HprofMap.INSTANCE_DUMP).get(300);
		HprofFormatException rejection = convert("instance-length-" + length,
				(bytes) -> bytes.putInt(map.afterIdAndSerial(instance) + map.idSize(), length))
			.rejection();
		assertThat(rejection.offset()).isBetween((long) map.segmentOf(instance).offset(), (long) instance.end());
	}

	@ParameterizedTest
	@ValueSource(bytes = { 0, 1, 2, 3, 12, -1 })
	void unknownPrimitiveArrayType(byte type) throws IOException {
		SubRecord array = map.subRecords(HprofMap.PRIM_ARRAY_DUMP).get(60);
		HprofFormatException rejection = convert("primitive-array-type-" + type,
				(bytes) -> bytes.put(map.afterIdAndSerial(array) + 4, type))
			.rejection();
		assertThat(rejection.offset()).isBetween((long) array.offset(), (long) array.end());
	}

	private long idAt(SubRecord classDump) {
		return map.id(classDump.offset() + 1);
	}

	private Record firstSegment() {
		return map.records().stream().filter((record) -> record.tag() == HprofMap.TAG_HEAP_DUMP_SEGMENT).findFirst()
			.orElseThrow();
	}

	private Record lastSegment() {
		return map.records().stream().filter((record) -> record.tag() == HprofMap.TAG_HEAP_DUMP_SEGMENT)
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private Outcome convert(String name, Consumer<ByteBuffer> damage) throws IOException {
		Path hprof = Files.write(directory.resolve(name + ".hprof"), map.damaged(damage));
		try {
			return this.attempts.convert(hprof);
		}
		finally {
			Files.delete(hprof);
		}
	}

}
