package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.v8heapsnapshot.hprof.BasicType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the record files the link pass writes and the later passes read back.
 *
 * @author v8heapsnapshot developers
 */
class LinkRecordsTests {

	@TempDir
	Path directory;

	@Test
	void nodeHeadKeepsKindAndTheWidestReference() {
		int head = NodeHead.of(NodeHead.PRIMITIVE_ARRAY, (1 << 28) - 1);
		assertThat(NodeHead.kind(head)).isEqualTo(NodeHead.PRIMITIVE_ARRAY);
		assertThat(NodeHead.ref(head)).isEqualTo((1 << 28) - 1);
		assertThat(NodeHead.kind(NodeHead.of(NodeHead.STRING, 1))).isEqualTo(NodeHead.STRING);
	}

	@Test
	void nodesReadBackInOrderAndFromAnIndex() throws IOException {
		NodeRecords nodes = new NodeRecords(this.directory.resolve("nodes"));
		nodes.add(NodeHead.of(NodeHead.CLASS, 4), 96, 2, 0);
		nodes.add(NodeHead.of(NodeHead.STRING, 1), 24, 1, 7);
		nodes.add(NodeHead.of(NodeHead.STRING, 0), (int) 0xFFFFFFF0L, 0, -1);
		nodes.close();
		assertThat(nodes.count()).isEqualTo(3);
		assertThat(nodes.count(NodeHead.STRING)).isEqualTo(2);
		assertThat(nodes.count(NodeHead.INSTANCE)).isZero();
		try (NodeRecords.Cursor node = nodes.cursor()) {
			assertThat(node.next()).isTrue();
			assertThat(node.kind()).isEqualTo(NodeHead.CLASS);
			assertThat(node.ref()).isEqualTo(4);
			assertThat(node.size()).isEqualTo(96);
			assertThat(node.edgeCount()).isEqualTo(2);
			assertThat(node.next()).isTrue();
			assertThat(node.valueArray()).isEqualTo(7);
			assertThat(node.next()).isTrue();
			assertThat(node.size()).isEqualTo(0xFFFFFFF0L);
			assertThat(node.valueArray()).isEqualTo(-1);
			assertThat(node.next()).isFalse();
		}
		try (NodeRecords.Cursor node = nodes.cursorAt(1)) {
			assertThat(node.next()).isTrue();
			assertThat(node.kind()).isEqualTo(NodeHead.STRING);
			assertThat(node.ref()).isEqualTo(1);
			assertThat(node.valueArray()).isEqualTo(7);
		}
		try (NodeRecords.Cursor node = nodes.cursorAt(3)) {
			assertThat(node.next()).isFalse();
		}
	}

	@Test
	void edgesKeepTargetsBeyondTheSignedRange() throws IOException {
		EdgeRecords edges = new EdgeRecords(this.directory.resolve("edges"));
		edges.add(2, 17, (int) 3_000_000_000L);
		edges.add(1, 0, 5);
		edges.close();
		try (EdgeRecords.Cursor edge = edges.cursor()) {
			assertThat(edge.next()).isTrue();
			assertThat(edge.type()).isEqualTo(2);
			assertThat(edge.name()).isEqualTo(17);
			assertThat(edge.target()).isEqualTo(3_000_000_000L);
			assertThat(edge.next()).isTrue();
			assertThat(edge.target()).isEqualTo(5);
			assertThat(edge.next()).isFalse();
		}
	}

	@Test
	void strongEdgesAreFoundPerNode() throws IOException {
		StrongEdges strong = new StrongEdges(this.directory.resolve("targets"), this.directory.resolve("ends"));
		strong.add(9);
		strong.add(4);
		strong.endNode();
		strong.endNode();
		strong.add(1);
		strong.endNode();
		strong.close();
		try (StrongEdges.Reader reader = strong.reader()) {
			assertThat(reader.start(0)).isZero();
			assertThat(reader.end(0)).isEqualTo(2);
			assertThat(reader.target(0)).isEqualTo(9);
			assertThat(reader.target(1)).isEqualTo(4);
			assertThat(reader.start(1)).isEqualTo(reader.end(1));
			assertThat(reader.start(2)).isEqualTo(2);
			assertThat(reader.target(2)).isEqualTo(1);
		}
	}

	@Test
	void textKeepsPrefixesAndFindsThemFromAnyHint() throws IOException {
		try (TextRecords text = new TextRecords(this.directory, "0", 8)) {
			long[] ordinals = { 3, 7, 20, 21, 40, 41, 42, 90 };
			for (int i = 0; i < ordinals.length; i++) {
				byte[] value = ("value-" + i + "-long").getBytes(StandardCharsets.ISO_8859_1);
				text.add(ordinals[i], BasicType.BYTE, value.length, ByteBuffer.wrap(value));
			}
			text.add(100, BasicType.CHAR, 2, ByteBuffer.wrap(new byte[] { 0, 'h', 0, 'i' }));
			text.finish();
			TextRecords.Reader reader = text.reader();
			assertThat(reader.count()).isEqualTo(9);
			for (long near = 0; near < reader.count(); near++) {
				assertThat(reader.find(42, near)).isEqualTo(6);
				assertThat(reader.find(3, near)).isZero();
				assertThat(reader.find(41 + 1000, near)).isEqualTo(-1);
				assertThat(reader.find(8, near)).isEqualTo(-1);
			}
			assertThat(reader.ordinal(7)).isEqualTo(90);
			assertThat(reader.arrayLength(1)).isEqualTo(12);
			assertThat(reader.arrayType(1)).isEqualTo(BasicType.BYTE);
			assertThat(reader.kept(BasicType.BYTE, 12)).isEqualTo(8);
			byte[] prefix = new byte[8];
			reader.prefix(1, prefix, 0, 8);
			assertThat(new String(prefix, StandardCharsets.ISO_8859_1)).isEqualTo("value-1-");
			assertThat(reader.arrayType(8)).isEqualTo(BasicType.CHAR);
			assertThat(reader.kept(BasicType.CHAR, reader.arrayLength(8))).isEqualTo(4);
			reader.prefix(8, prefix, 0, 4);
			assertThat(new String(prefix, 0, 4, StandardCharsets.UTF_16BE)).isEqualTo("hi");
		}
	}

	@Test
	void stringsAreFoundByTheirOrdinal() throws IOException {
		StringRecords strings = new StringRecords(this.directory.resolve("strings"));
		strings.add(10, 11, 0);
		strings.add(12, -1, 1);
		strings.add(30, 31, 1);
		strings.close();
		try (StringRecords.Reader reader = strings.reader()) {
			assertThat(reader.count()).isEqualTo(3);
			assertThat(reader.find(30)).isEqualTo(2);
			assertThat(reader.find(11)).isEqualTo(-1);
			assertThat(reader.valueArray(reader.find(12))).isEqualTo(-1);
			assertThat(reader.coder(reader.find(12))).isEqualTo(1);
			assertThat(reader.string(0)).isEqualTo(10);
		}
	}

	@Test
	void entriesReadBackInOrder() throws IOException {
		EntryRecords entries = new EntryRecords(this.directory.resolve("entries"));
		entries.add(5, 6);
		entries.add(7, (int) 4_000_000_000L);
		entries.close();
		try (EntryRecords.Cursor entry = entries.cursor()) {
			assertThat(entry.next()).isTrue();
			assertThat(entry.key()).isEqualTo(5);
			assertThat(entry.value()).isEqualTo(6);
			assertThat(entry.next()).isTrue();
			assertThat(entry.value()).isEqualTo(4_000_000_000L);
			assertThat(entry.next()).isFalse();
		}
	}

}
