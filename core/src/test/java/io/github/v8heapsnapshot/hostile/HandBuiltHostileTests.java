package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.testing.HprofBuilder;
import io.github.v8heapsnapshot.testing.HprofBuilder.Field;
import io.github.v8heapsnapshot.testing.HprofBuilder.Type;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small dump built by hand, with 4-byte and 8-byte ids: it converts, and so cut at every
 * single byte it is refused; class hierarchies that loop or lack a superclass are refused,
 * and so is an array whose length overflows once multiplied by the id size.
 *
 * @author v8heapsnapshot developers
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandBuiltHostileTests {

	private static final long OBJECT = 0x1000;

	private static final long NODE = 0x1010;

	private static final long OTHER = 0x1020;

	private static final long NODE_ARRAY = 0x1030;

	private static final long FIRST = 0x2000;

	private static final long SECOND = 0x2010;

	private static final long NODES = 0x2020;

	@TempDir
	Path directory;

	private Attempts attempts;

	@BeforeEach
	void prepareAttempts() {
		this.attempts = new Attempts(this.directory.resolve("attempts"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void validDumpConverts(int idSize) throws IOException {
		SnapshotModel snapshot = this.attempts.convert(write("valid", dump(idSize, OBJECT, OBJECT, 2))).converted();
		assertThat(snapshot.nodes("object", "com.example.Node")).hasSize(2);
		int first = snapshot.follow(snapshot.node("object", "com.example.Node[]"), "0");
		assertThat(snapshot.follow(snapshot.follow(first, "next"), "<class>"))
			.isEqualTo(snapshot.node("object shape", "class com.example.Node"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void cutAtEveryByte(int idSize) throws IOException {
		byte[] dump = dump(idSize, OBJECT, OBJECT, 2);
		for (int length = 0; length < dump.length; length++) {
			Path hprof = write("cut-at-" + length, Arrays.copyOf(dump, length));
			HprofFormatException rejection = this.attempts.convert(hprof).rejection();
			assertThat(rejection.offset()).as("offset for a cut at %d", length).isLessThanOrEqualTo(length);
			Files.delete(hprof);
		}
		System.out.printf("Refused all %d truncations of a hand-built dump with %d-byte ids%n", dump.length, idSize);
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void superclassLoop(int idSize) throws IOException {
		this.attempts.convert(write("loop", dump(idSize, OTHER, NODE, 2))).rejection();
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void ownSuperclass(int idSize) throws IOException {
		this.attempts.convert(write("self", dump(idSize, NODE, OBJECT, 2))).rejection();
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void missingSuperclass(int idSize) throws IOException {
		this.attempts.convert(write("missing", dump(idSize, 0x7000, OBJECT, 2))).rejection();
	}

	@ParameterizedTest
	@ValueSource(ints = { 4, 8 })
	void arrayLengthOverflowingWhenMultipliedByTheIdSize(int idSize) throws IOException {
		int length = (int) ((1L << 32) / idSize);
		this.attempts.convert(write("overflow", dump(idSize, OBJECT, OBJECT, length))).rejection();
	}

	private Path write(String name, byte[] content) throws IOException {
		return Files.write(this.directory.resolve(name + ".hprof"), content);
	}

	/**
	 * Returns a dump of two nodes, a class with no instances, and an array of the nodes
	 * that claims the given length.
	 */
	private static byte[] dump(int idSize, long nodeSuperclass, long otherSuperclass, int arrayLength) {
		HprofBuilder hprof = new HprofBuilder(idSize);
		hprof.loadClass(1, OBJECT, "java/lang/Object")
			.loadClass(2, NODE, "com/example/Node")
			.loadClass(3, OTHER, "com/example/Other")
			.loadClass(4, NODE_ARRAY, "[Lcom/example/Node;");
		hprof.segment((segment) -> segment.classDump(OBJECT, 0, 0, List.of(), List.of())
			.classDump(NODE, nodeSuperclass, 0, List.of(), List.of(Field.of("next", Type.OBJECT), Field.of("value", Type.INT)))
			.classDump(OTHER, otherSuperclass, 0, List.of(), List.of())
			.classDump(NODE_ARRAY, OBJECT, 0, 0, List.of(), List.of()));
		hprof.segment((segment) -> segment.instance(FIRST, NODE, segment.values().reference(SECOND).primitive(Type.INT, 1))
			.instance(SECOND, NODE, segment.values().reference(0).primitive(Type.INT, 2))
			.raw(objectArray(idSize, arrayLength))
			.rootStickyClass(NODE)
			.rootJniGlobal(NODES, 0x9000));
		return hprof.end().toByteArray();
	}

	private static byte[] objectArray(int idSize, int length) {
		ByteBuffer array = ByteBuffer.allocate(1 + idSize + 4 + 4 + idSize + 2 * idSize).put((byte) 0x22);
		putId(array, idSize, NODES).putInt(1).putInt(length);
		putId(array, idSize, NODE_ARRAY);
		putId(array, idSize, FIRST);
		putId(array, idSize, SECOND);
		return array.array();
	}

	private static ByteBuffer putId(ByteBuffer buffer, int idSize, long id) {
		return (idSize == 8) ? buffer.putLong(id) : buffer.putInt((int) id);
	}

}
