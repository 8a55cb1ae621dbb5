package io.github.v8heapsnapshot.ids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.testing.HprofBuilder;
import io.github.v8heapsnapshot.testing.HprofBuilder.Field;
import io.github.v8heapsnapshot.testing.HprofBuilder.Type;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Tests for {@link ObjectIds} on dumps built by hand, where every object's address from one
 * dump to the next is chosen: objects that stay, move, die, are new, or take the address of
 * another.
 *
 * @author v8heapsnapshot developers
 */
class ObjectIdsHandBuiltTests {

	private static final long OBJECT = 0x100;

	private static final long HOLDER = 0x110;

	private static final long ITEM = 0x120;

	private static final long ITEM_ARRAY = 0x130;

	private static final long OTHER = 0x140;

	private static final long STRING = 0x150;

	private static final long BYTE_ARRAY = 0x160;

	private static final long ROOT_HOLDER = 0x1000;

	private static final long ARRAY = 0x1010;

	@TempDir
	Path temp;

	@Test
	void objectsKeepTheirIdsWhetherTheyStayOrMoveAndNewObjectsGetLargerOnes() throws IOException {
		Path table = this.temp.resolve("ids");
		SnapshotModel first = convert("first", table, new Heap(0x2000, 0x2010, 0x2020, 0, 0));
		SnapshotModel second = convert("second", table, new Heap(0x3000, 0x2010, 0x3010, 0x3020, 0x2000));
		assertThat(id(second, holder(second))).isEqualTo(id(first, holder(first)));
		assertThat(id(second, array(second))).isEqualTo(id(first, array(first)));
		// Moved, found under the holder's field
		assertThat(id(second, held(second))).isEqualTo(id(first, held(first)));
		// Stayed
		assertThat(id(second, element(second, 0))).isEqualTo(id(first, element(first, 0)));
		// Moved, found in its slot
		assertThat(id(second, element(second, 1))).isEqualTo(id(first, element(first, 1)));
		assertThat(id(second, second.node("object shape", "class com.example.Item")))
			.isEqualTo(id(first, first.node("object shape", "class com.example.Item")));
		long firstMax = maxOddId(first);
		// New, one of them at the address where the held item was
		assertThat(second.nodes("object", "com.example.Other")).hasSize(2)
			.allSatisfy((node) -> assertThat(id(second, node)).isGreaterThan(firstMax));
		assertUniqueOddIds(first);
		assertUniqueOddIds(second);
	}

	@Test
	void syntheticNodesKeepTheirSmallIds() throws IOException {
		SnapshotModel snapshot = convert("first", this.temp.resolve("ids"), new Heap(0x2000, 0x2010, 0x2020, 0, 0));
		assertThat(snapshot.id(0)).isEqualTo(1);
		assertThat(snapshot.id(1)).isEqualTo(3);
		for (int node = 0; node < snapshot.nodeCount(); node++) {
			if (!snapshot.type(node).equals("synthetic")) {
				assertThat(snapshot.id(node)).isGreaterThanOrEqualTo(ObjectIds.FIRST_ID);
			}
		}
	}

	@Test
	void aClearedTableHandsOutOnlyNewIds() throws IOException {
		Path table = this.temp.resolve("ids");
		Heap heap = new Heap(0x2000, 0x2010, 0x2020, 0, 0);
		SnapshotModel first = convert("first", table, heap);
		ObjectIds.clear(table);
		assertThat(table).hasSize(IdTable.HEADER_SIZE);
		SnapshotModel second = convert("second", table, heap);
		long firstMax = maxOddId(first);
		for (int node = 0; node < second.nodeCount(); node++) {
			if (!second.type(node).equals("synthetic")) {
				assertThat(second.id(node)).isGreaterThan(firstMax);
			}
		}
	}

	@Test
	void aFileThatIsNotATableIsRefusedAndLeftAsItWas() throws IOException {
		Path table = Files.writeString(this.temp.resolve("ids"), "not a table, but 40 bytes long or longer.");
		Path hprof = Files.write(this.temp.resolve("first.hprof"), new Heap(0x2000, 0x2010, 0x2020, 0, 0).hprof());
		HeapSnapshotConverter converter = new HeapSnapshotConverter(ConversionOptions.defaults()
			.withObjectIds(table));
		assertThatIOException().isThrownBy(() -> converter.convert(hprof, this.temp.resolve("first.heapsnapshot")))
			.withMessageContaining("is not an object id table");
		assertThat(table).hasContent("not a table, but 40 bytes long or longer.");
		assertThat(this.temp.resolve("first.heapsnapshot")).doesNotExist();
		try (var files = Files.list(this.temp)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("ids",
					"first.hprof");
		}
	}

	private SnapshotModel convert(String name, Path table, Heap heap) throws IOException {
		Path hprof = Files.write(this.temp.resolve(name + ".hprof"), heap.hprof());
		Path snapshot = this.temp.resolve(name + ".heapsnapshot");
		new HeapSnapshotConverter(ConversionOptions.defaults().withObjectIds(table)).convert(hprof, snapshot);
		return SnapshotModel.read(snapshot);
	}

	private static int holder(SnapshotModel snapshot) {
		return snapshot.node("object", "com.example.Holder");
	}

	private static int held(SnapshotModel snapshot) {
		return snapshot.follow(holder(snapshot), "item");
	}

	private static int array(SnapshotModel snapshot) {
		return snapshot.node("object", "com.example.Item[]");
	}

	private static int element(SnapshotModel snapshot, int index) {
		return snapshot.follow(array(snapshot), Integer.toString(index));
	}

	private static long id(SnapshotModel snapshot, int node) {
		return snapshot.id(node);
	}

	private static long maxOddId(SnapshotModel snapshot) {
		long max = 0;
		for (int node = 0; node < snapshot.nodeCount(); node++) {
			if ((snapshot.id(node) & 1) == 1) {
				max = Math.max(max, snapshot.id(node));
			}
		}
		return max;
	}

	private static void assertUniqueOddIds(SnapshotModel snapshot) {
		Set<Long> ids = new HashSet<>();
		for (int node = 0; node < snapshot.nodeCount(); node++) {
			assertThat(snapshot.id(node) & 1).isEqualTo(1);
			assertThat(ids.add(snapshot.id(node))).as("id %d is unique", snapshot.id(node)).isTrue();
		}
	}

	/**
	 * A holder at a fixed address whose field holds an item, an array at a fixed address
	 * with two items, a String, and up to two objects of another class.
	 *
	 * @param held the address of the item the holder holds
	 * @param firstElement the address of the array's first item
	 * @param secondElement the address of the array's second item
	 * @param other the address of an object of another class, or 0
	 * @param otherAgain the address of a second one, or 0
	 */
	private record Heap(long held, long firstElement, long secondElement, long other, long otherAgain) {

		byte[] hprof() {
			HprofBuilder hprof = new HprofBuilder(8);
			hprof.loadClass(1, OBJECT, "java/lang/Object")
				.loadClass(2, HOLDER, "com/example/Holder")
				.loadClass(3, ITEM, "com/example/Item")
				.loadClass(4, ITEM_ARRAY, "[Lcom/example/Item;")
				.loadClass(5, OTHER, "com/example/Other")
				.loadClass(6, STRING, "java/lang/String")
				.loadClass(7, BYTE_ARRAY, "[B");
			hprof.segment((segment) -> {
				segment.classDump(OBJECT, 0, 0, List.of(), List.of())
					.classDump(HOLDER, OBJECT, 0, List.of(),
							List.of(Field.of("item", Type.OBJECT), Field.of("label", Type.OBJECT)))
					.classDump(ITEM, OBJECT, 0, List.of(), List.of(Field.of("value", Type.INT)))
					.classDump(ITEM_ARRAY, OBJECT, 0, 0, List.of(), List.of())
					.classDump(OTHER, OBJECT, 0, List.of(), List.of())
					.classDump(STRING, OBJECT, 0, List.of(),
							List.of(Field.of("value", Type.OBJECT), Field.of("coder", Type.BYTE)))
					.classDump(BYTE_ARRAY, OBJECT, 0, 0, List.of(), List.of());
				segment.instance(ROOT_HOLDER, HOLDER, segment.values().reference(this.held).reference(0x1100))
					.instance(0x1100, STRING, segment.values().reference(0x1110).primitive(Type.BYTE, 0))
					.byteArray(0x1110, "label".getBytes(StandardCharsets.ISO_8859_1))
					.objectArray(ARRAY, ITEM_ARRAY, this.firstElement, this.secondElement)
					.instance(this.held, ITEM, segment.values().primitive(Type.INT, 1))
					.instance(this.firstElement, ITEM, segment.values().primitive(Type.INT, 2))
					.instance(this.secondElement, ITEM, segment.values().primitive(Type.INT, 3));
				segment.rootUnknown(ROOT_HOLDER).rootUnknown(ARRAY);
				for (long address : new long[] { this.other, this.otherAgain }) {
					if (address != 0) {
						segment.instance(address, OTHER, segment.values()).rootUnknown(address);
					}
				}
			});
			return hprof.end().toByteArray();
		}

	}

}
