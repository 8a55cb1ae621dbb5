package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.hprof.HprofTag;
import io.github.v8heapsnapshot.layout.ObjectLayout;
import io.github.v8heapsnapshot.testing.HprofBuilder.Field;
import io.github.v8heapsnapshot.testing.HprofBuilder.Type;
import io.github.v8heapsnapshot.testing.HprofBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link HeapSnapshotConverter} on malformed HPROF files: each is rejected with an
 * {@link HprofFormatException} whose message names the offset of the fault, and leaves no
 * file behind.
 *
 * @author v8heapsnapshot developers
 */
class MalformedDumpTests {

	private static final long OBJECT = 0x1000;

	private static final long POINT = 0x1010;

	@TempDir
	Path temp;

	private Path output;

	private Path indexes;

	@BeforeEach
	void directories() throws IOException {
		this.output = Files.createDirectory(this.temp.resolve("output"));
		this.indexes = Files.createDirectory(this.temp.resolve("indexes"));
	}

	@Test
	void rejectsAnEmptyFile() throws IOException {
		assertRejected(new byte[0], 0, 0);
	}

	@Test
	void rejectsAFileThatIsNotHprof() throws IOException {
		assertRejected("<!DOCTYPE html><html><body>Not found</body></html>".getBytes(StandardCharsets.US_ASCII), 0, 0);
	}

	@Test
	void rejectsATruncatedHeader() throws IOException {
		byte[] header = new HprofBuilder(8).toByteArray();
		assertRejected(Arrays.copyOf(header, 25), 0, 25);
	}

	@Test
	void rejectsAnIdSizeOfFive() throws IOException {
		HprofBuilder hprof = new HprofBuilder(5);
		hprof.name("java/lang/Object");
		assertRejected(hprof.end().toByteArray(), 0, 31);
	}

	@Test
	void rejectsAFileTruncatedInsideARecord() throws IOException {
		HprofBuilder hprof = valid();
		long start = hprof.size();
		hprof.frame(1, "run", "()V", "Point.java", 2, 12);
		byte[] bytes = hprof.toByteArray();
		assertRejected(Arrays.copyOf(bytes, bytes.length - 20), start, bytes.length - 20);
	}

	@Test
	void rejectsAFileTruncatedInsideASubRecord() throws IOException {
		HprofBuilder hprof = valid();
		long start = hprof.size();
		hprof.segment((segment) -> segment.instance(0x2000, POINT,
				segment.values().primitive(Type.INT, 1).primitive(Type.INT, 2)));
		byte[] bytes = hprof.toByteArray();
		assertRejected(Arrays.copyOf(bytes, bytes.length - 3), start, bytes.length - 3);
	}

	@Test
	void rejectsARecordLongerThanTheFile() throws IOException {
		HprofBuilder hprof = valid();
		long start = hprof.size();
		hprof.record(HprofTag.UTF8, 1_000_000, new byte[16]);
		assertRejected(hprof.toByteArray(), start, start);
	}

	@Test
	void rejectsASubRecordThatRunsPastItsSegment() throws IOException {
		HprofBuilder hprof = valid();
		HprofBuilder instance = new HprofBuilder(8);
		instance.segment((segment) -> segment.instance(0x2000, POINT,
				segment.values().primitive(Type.INT, 1).primitive(Type.INT, 2)));
		byte[] body = Arrays.copyOfRange(instance.toByteArray(), 31 + 9, (int) instance.size());
		long start = hprof.size();
		// The segment claims 10 bytes fewer than its instance needs; a valid record follows
		hprof.record(HprofTag.HEAP_DUMP_SEGMENT, body.length - 10, body);
		assertRejected(hprof.end().toByteArray(), start, start + 9 + body.length);
	}

	@Test
	void rejectsAnUnknownSubRecordTag() throws IOException {
		HprofBuilder hprof = valid();
		long tag = hprof.size() + 9;
		hprof.segment((segment) -> segment.raw(new byte[] { (byte) 0x99, 0, 0, 0, 0, 0, 0, 0, 1 }));
		assertRejected(hprof.end().toByteArray(), tag, tag);
	}

	@Test
	void rejectsASegmentLongerThanTheFile() throws IOException {
		HprofBuilder hprof = valid();
		long start = hprof.size();
		hprof.record(HprofTag.HEAP_DUMP_SEGMENT, 0x7FFF_FFF0L, new byte[] { 0x05, 0, 0, 0, 0, 0, 0, 0x10, 0 });
		assertRejected(hprof.toByteArray(), start, start);
	}

	@Test
	void rejectsAnInstanceOfAnUnknownClass() throws IOException {
		HprofBuilder hprof = valid();
		long start = hprof.size();
		hprof.segment((segment) -> segment.instance(0x2000, 0xDEAD_0000L,
				segment.values().primitive(Type.INT, 1).primitive(Type.INT, 2)));
		long end = hprof.size();
		assertRejected(hprof.end().toByteArray(), start, end);
	}

	@Test
	void rejectsAnArrayLongerThanItsSegment() throws IOException {
		HprofBuilder hprof = valid();
		long start = hprof.size();
		hprof.segment((segment) -> segment.primitiveArray(0x2000, Type.INT, 1000, new byte[12]));
		long end = hprof.size();
		assertRejected(hprof.end().toByteArray(), start, end);
	}

	private HprofBuilder valid() {
		HprofBuilder hprof = new HprofBuilder(8);
		hprof.loadClass(1, OBJECT, "java/lang/Object").loadClass(2, POINT, "com/example/Point");
		hprof.segment((segment) -> segment.classDump(OBJECT, 0, 0, List.of(), List.of())
			.classDump(POINT, OBJECT, 0, List.of(), List.of(Field.of("x", Type.INT), Field.of("y", Type.INT))));
		return hprof;
	}

	private void assertRejected(byte[] hprof, long from, long to) throws IOException {
		Path input = Files.write(this.temp.resolve("malformed.hprof"), hprof);
		Path snapshot = this.output.resolve("malformed.heapsnapshot");
		HeapSnapshotConverter converter = new HeapSnapshotConverter(ConversionOptions.defaults()
			.withLayout(ObjectLayout.defaults(17))
			.withTempDirectory(this.indexes));
		HprofFormatException ex = catchThrowableOfType(HprofFormatException.class,
				() -> converter.convert(input, snapshot));
		assertThat(ex).as("conversion of a malformed file").isNotNull();
		assertThat(ex.offset()).as(ex.getMessage()).isBetween(from, to);
		assertThat(ex.getMessage()).contains(Long.toString(ex.offset()));
		try (var left = Files.list(this.output)) {
			assertThat(left).as("files left in the output directory").isEmpty();
		}
		try (var left = Files.list(this.indexes)) {
			assertThat(left).as("files left in the temp directory").isEmpty();
		}
	}

}
