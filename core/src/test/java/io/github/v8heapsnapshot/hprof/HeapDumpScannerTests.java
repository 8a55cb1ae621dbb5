package io.github.v8heapsnapshot.hprof;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HeapDumpScanner} on hand-written sub-records.
 *
 * @author v8heapsnapshot developers
 */
class HeapDumpScannerTests {

	@TempDir
	Path directory;

	@Test
	void readsEveryKindOfSubRecordWithEightByteIds() throws IOException {
		assertThat(scan(8, everyRecord(8))).containsExactly("root JNI_GLOBAL 0x10 0 0",
				"root THREAD_OBJECT 0x20 3 4", "root JAVA_FRAME 0x30 3 1", "root STICKY_CLASS 0x100 0 0",
				"root UNKNOWN 0x40 0 0", "class 0x100 super 0x200 size 12 statics [HI_BYTE_SHIFT=0] fields 2",
				"instance 0x50 of 0x100 with 12 bytes: 0x60", "object array 0x60 of 0x300 [0x50, 0x0]",
				"primitive array 0x70 of 8 x 3: 616263");
	}

	@Test
	void readsFourByteIds() throws IOException {
		assertThat(scan(4, everyRecord(4))).hasSize(9)
			.contains("instance 0x50 of 0x100 with 8 bytes: 0x60", "object array 0x60 of 0x300 [0x50, 0x0]");
	}

	@Test
	void refusesAnUnknownTagWithItsOffset() throws IOException {
		byte[] records = concat(everyRecord(8), new byte[] { 0x42, 0, 0 });
		assertThatExceptionOfType(HprofFormatException.class).isThrownBy(() -> scan(8, records))
			.withMessage("Unknown heap dump sub-record tag 0x42 at offset " + everyRecord(8).length)
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(everyRecord(8).length));
	}

	@Test
	void refusesAnArrayLongerThanItsSegment() throws IOException {
		Writer writer = new Writer(8);
		writer.u1(0x23).id(0x70).u4(1).u4(1_000_000).u1(BasicType.INT).bytes(new byte[12]);
		assertThatExceptionOfType(HprofFormatException.class).isThrownBy(() -> scan(8, writer.toByteArray()))
			.withMessage("Truncated PRIM_ARRAY_DUMP at offset 0: needs 4000000 bytes, 12 left");
	}

	@Test
	void refusesATruncatedInstance() throws IOException {
		Writer writer = new Writer(8);
		writer.u1(0x21).id(0x50).u4(1).id(0x100).u4(40).bytes(new byte[12]);
		assertThatExceptionOfType(HprofFormatException.class).isThrownBy(() -> scan(8, writer.toByteArray()))
			.withMessage("Truncated INSTANCE_DUMP at offset 0: needs 40 bytes, 12 left");
	}

	@Test
	void refusesAnUnknownFieldType() throws IOException {
		Writer writer = new Writer(8);
		writer.u1(0x20).id(0x100).u4(1).id(0).id(0).id(0).id(0).id(0).id(0).u4(0).u2(0).u2(1).id(0x500).u1(3);
		assertThatExceptionOfType(HprofFormatException.class).isThrownBy(() -> scan(8, writer.toByteArray()))
			.withMessage("Unknown basic type 3 in CLASS_DUMP at offset 0");
	}

	private List<String> scan(int idSize, byte[] records) throws IOException {
		Path file = Files.write(this.directory.resolve("records"), records);
		List<String> seen = new ArrayList<>();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			HprofInput in = new HprofInput(channel, channel.size(), 1024, idSize);
			HeapDumpScanner.scan(in, channel.size(), new HeapDumpVisitor() {

				@Override
				public void root(RootKind kind, long objectId, int threadSerial, int index) {
					seen.add("root " + kind + " 0x" + Long.toHexString(objectId) + " " + threadSerial + " " + index);
				}

				@Override
				public void classDump(ClassDump dump, long offset) {
					seen.add("class 0x" + Long.toHexString(dump.classId()) + " super 0x"
							+ Long.toHexString(dump.superId()) + " size " + dump.instanceSize() + " statics [HI_BYTE_SHIFT="
							+ dump.staticValues()[0] + "] fields " + dump.fieldNameIds().length);
				}

				@Override
				public void instance(long id, long classId, int length, HprofInput input, long offset) {
					seen.add("instance 0x" + Long.toHexString(id) + " of 0x" + Long.toHexString(classId) + " with "
							+ length + " bytes: 0x" + Long.toHexString(input.idAt(input.buffer().position())));
				}

				@Override
				public void objectArray(long id, long classId, int length, HprofInput input, long offset)
						throws IOException {
					List<String> elements = new ArrayList<>();
					for (int i = 0; i < length; i++) {
						input.require(idSize, "test", offset);
						elements.add("0x" + Long.toHexString(input.id()));
					}
					seen.add("object array 0x" + Long.toHexString(id) + " of 0x" + Long.toHexString(classId) + " "
							+ elements);
				}

				@Override
				public void primitiveArray(long id, int type, int length, HprofInput input, long offset)
						throws IOException {
					StringBuilder hex = new StringBuilder();
					input.require(length, "test", offset);
					for (int i = 0; i < length; i++) {
						hex.append(String.format("%02x", input.u1()));
					}
					seen.add("primitive array 0x" + Long.toHexString(id) + " of " + type + " x " + length + ": " + hex);
				}

			});
		}
		return seen;
	}

	private static byte[] everyRecord(int idSize) throws IOException {
		Writer writer = new Writer(idSize);
		writer.u1(0x01).id(0x10).id(0x999);
		writer.u1(0x08).id(0x20).u4(3).u4(4);
		writer.u1(0x03).id(0x30).u4(3).u4(1);
		writer.u1(0x05).id(0x100);
		writer.u1(0xFF).id(0x40);
		writer.u1(0x20).id(0x100).u4(1).id(0x200).id(0).id(0).id(0).id(0).id(0).u4(12);
		writer.u2(0).u2(1).id(0x400).u1(BasicType.INT).u4(0);
		writer.u2(2).id(0x401).u1(BasicType.OBJECT).id(0x402).u1(BasicType.INT);
		writer.u1(0x21).id(0x50).u4(1).id(0x100).u4(idSize + 4).id(0x60).u4(7);
		writer.u1(0x22).id(0x60).u4(1).u4(2).id(0x300).id(0x50).id(0);
		writer.u1(0x23).id(0x70).u4(1).u4(3).u1(BasicType.BYTE).bytes("abc".getBytes());
		return writer.toByteArray();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] joined = new byte[a.length + b.length];
		System.arraycopy(a, 0, joined, 0, a.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}

	/**
	 * Writes big-endian HPROF values.
	 */
	private static final class Writer {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final DataOutputStream out = new DataOutputStream(this.bytes);

		private final int idSize;

		Writer(int idSize) {
			this.idSize = idSize;
		}

		Writer u1(int value) throws IOException {
			this.out.writeByte(value);
			return this;
		}

		Writer u2(int value) throws IOException {
			this.out.writeShort(value);
			return this;
		}

		Writer u4(int value) throws IOException {
			this.out.writeInt(value);
			return this;
		}

		Writer id(long value) throws IOException {
			if (this.idSize == 8) {
				this.out.writeLong(value);
			}
			else {
				this.out.writeInt((int) value);
			}
			return this;
		}

		Writer bytes(byte[] value) throws IOException {
			this.out.write(value);
			return this;
		}

		byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

	}

}
