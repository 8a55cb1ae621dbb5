package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code .heapsnapshot} in one pass, the way DevTools does: the {@code snapshot}
 * object first, then the {@code nodes}, {@code edges} and {@code strings} arrays into a
 * {@link SnapshotGraph}, skipping every other key. Only unsigned integers are accepted in
 * the arrays; strings are not decoded but located, to be read later when needed.
 *
 * @author v8heapsnapshot developers
 */
final class SnapshotReader {

	private static final int BUFFER_SIZE = 1 << 20;

	private static final int MAX_DEPTH = 64;

	private final FileChannel channel;

	private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

	private final byte[] bytes = this.buffer.array();

	private int position;

	private int limit;

	private long base;

	private byte[] text = new byte[256];

	SnapshotReader(FileChannel channel) {
		this.channel = channel;
	}

	SnapshotHeader readHeader() throws IOException {
		if (nonSpace() != '{') {
			throw new SnapshotFormatException("Not a heap snapshot: no JSON object at the start");
		}
		String key;
		while ((key = nextKey()) != null) {
			if (key.equals("snapshot")) {
				return SnapshotHeader.of(parseValue(nonSpace(), 0));
			}
			if (key.equals("nodes") || key.equals("edges") || key.equals("strings")) {
				throw new SnapshotFormatException("'" + key + "' comes before 'snapshot'");
			}
			skipValue(nonSpace());
		}
		throw new SnapshotFormatException("Not a heap snapshot: no 'snapshot' object");
	}

	void readBody(SnapshotGraph graph) throws IOException {
		boolean nodes = false;
		boolean edges = false;
		boolean strings = false;
		String key;
		while ((key = nextKey()) != null) {
			switch (key) {
				case "nodes" -> {
					readNodes(graph);
					nodes = true;
				}
				case "edges" -> {
					readEdges(graph);
					edges = true;
				}
				case "strings" -> {
					readStrings(graph);
					strings = true;
				}
				default -> skipValue(nonSpace());
			}
		}
		if (!nodes || !edges || !strings) {
			throw new SnapshotFormatException("The snapshot lacks its " + (!nodes ? "'nodes'" : !edges ? "'edges'" : "'strings'"));
		}
	}

	private void readNodes(SnapshotGraph graph) throws IOException {
		SnapshotHeader header = graph.header();
		expectArray("nodes");
		int fields = header.nodeFieldCount();
		long[] row = new long[fields];
		long edges = 0;
		for (int node = 0; node < graph.nodeCount(); node++) {
			for (int field = 0; field < fields; field++) {
				row[field] = nextValue("nodes");
			}
			graph.setNode(node, row[header.typeColumn()], row[header.nameColumn()], row[header.idColumn()],
					row[header.sizeColumn()], edges);
			edges += row[header.edgeCountColumn()];
			if (edges > graph.edgeCount()) {
				throw new SnapshotFormatException("The nodes have more edges than the declared " + graph.edgeCount());
			}
			graph.checkCancelled(node);
		}
		if (edges != graph.edgeCount()) {
			throw new SnapshotFormatException(
					"The nodes have " + edges + " edges, the snapshot declares " + graph.edgeCount());
		}
		graph.setNodeEnd(edges);
		expectEnd("nodes");
	}

	private void readEdges(SnapshotGraph graph) throws IOException {
		SnapshotHeader header = graph.header();
		expectArray("edges");
		int fields = header.edgeFieldCount();
		long[] row = new long[fields];
		for (int edge = 0; edge < graph.edgeCount(); edge++) {
			for (int field = 0; field < fields; field++) {
				row[field] = nextValue("edges");
			}
			graph.setEdge(edge, row[header.edgeTypeColumn()], row[header.edgeNameColumn()], row[header.edgeToColumn()]);
			graph.checkCancelled(edge);
		}
		expectEnd("edges");
	}

	private void readStrings(SnapshotGraph graph) throws IOException {
		expectArray("strings");
		int index = 0;
		while (true) {
			int c = nonSpace();
			if (c == ',') {
				c = nonSpace();
			}
			if (c == ']') {
				break;
			}
			if (c != '"') {
				throw new SnapshotFormatException("'strings' holds something other than strings");
			}
			graph.setString(index, this.base + this.position - 1);
			long skipped = skipString();
			if ((skipped & 0xFF) == ')' && (skipped >>> 8) >= SnapshotGraph.SHORTEST_WEAK_MAP_NAME) {
				graph.addWeakMapCandidate(index);
			}
			graph.checkCancelled(index);
			index++;
		}
		graph.setStringCount(index);
	}

	private void expectArray(String key) throws IOException {
		if (nonSpace() != '[') {
			throw new SnapshotFormatException("'" + key + "' is not an array");
		}
	}

	private void expectEnd(String key) throws IOException {
		if (nextNumber() != -1) {
			throw new SnapshotFormatException("'" + key + "' holds more values than the snapshot declares");
		}
	}

	private long nextValue(String key) throws IOException {
		long value = nextNumber();
		if (value < 0) {
			throw new SnapshotFormatException("'" + key + "' holds fewer values than the snapshot declares");
		}
		return value;
	}

	// The next unsigned 32-bit integer of an array, or -1 at its end
	private long nextNumber() throws IOException {
		int c = read();
		while (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			c = read();
		}
		if (c == ']') {
			return -1;
		}
		if (c < '0' || c > '9') {
			throw (c < 0) ? truncated("array") : new SnapshotFormatException(
					"Expected an unsigned integer, found '" + (char) c + "' at offset " + (this.base + this.position - 1));
		}
		long value = c - '0';
		while ((c = read()) >= '0' && c <= '9') {
			value = value * 10 + (c - '0');
			if (value > 0xFFFFFFFFL) {
				throw new SnapshotFormatException("A number at offset " + (this.base + this.position) + " exceeds 32 bits");
			}
		}
		if (c >= 0) {
			this.position--;
		}
		return value;
	}

	private @Nullable String nextKey() throws IOException {
		int c = nonSpace();
		if (c == ',') {
			c = nonSpace();
		}
		if (c == '}') {
			return null;
		}
		if (c != '"') {
			throw (c < 0) ? truncated("object") : new SnapshotFormatException("Expected a key at offset " + (this.base + this.position - 1));
		}
		String key = readString();
		if (nonSpace() != ':') {
			throw new SnapshotFormatException("Expected ':' after '" + key + "'");
		}
		return key;
	}

	private Object parseValue(int c, int depth) throws IOException {
		if (depth > MAX_DEPTH) {
			throw new SnapshotFormatException("The 'snapshot' object is nested too deeply");
		}
		if (c == '{') {
			Map<String, Object> map = new LinkedHashMap<>();
			String key;
			while ((key = nextKey()) != null) {
				map.put(key, parseValue(nonSpace(), depth + 1));
			}
			return map;
		}
		if (c == '[') {
			List<Object> list = new ArrayList<>();
			while (true) {
				int next = nonSpace();
				if (next == ',') {
					next = nonSpace();
				}
				if (next == ']') {
					return list;
				}
				list.add(parseValue(next, depth + 1));
			}
		}
		if (c == '"') {
			return readString();
		}
		return readLiteral(c);
	}

	private Object readLiteral(int first) throws IOException {
		StringBuilder literal = new StringBuilder();
		int c = first;
		while (c >= 0 && c != ',' && c != ']' && c != '}' && !Character.isWhitespace(c)) {
			literal.append((char) c);
			c = read();
		}
		if (c >= 0) {
			this.position--;
		}
		String value = literal.toString();
		if (value.matches("-?\\d{1,18}")) {
			return Long.parseLong(value);
		}
		if (value.equals("true") || value.equals("false")) {
			return Boolean.parseBoolean(value);
		}
		if (value.equals("null")) {
			return "";
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new SnapshotFormatException("Unexpected '" + value + "' in the 'snapshot' object");
		}
	}

	private void skipValue(int first) throws IOException {
		if (first == '"') {
			skipString();
		}
		else if (first == '[' || first == '{') {
			int depth = 1;
			while (depth > 0) {
				int c = read();
				if (c < 0) {
					throw truncated("value");
				}
				if (c == '"') {
					skipString();
				}
				else if (c == '[' || c == '{') {
					depth++;
				}
				else if (c == ']' || c == '}') {
					depth--;
				}
			}
		}
		else {
			readLiteral(first);
		}
	}

	// Skips to the closing quote; returns the number of characters and the last one
	private long skipString() throws IOException {
		int length = 0;
		int last = 0;
		int c;
		while ((c = read()) != '"') {
			if (c < 0) {
				throw truncated("string");
			}
			if (c == '\\') {
				read();
			}
			length++;
			last = c;
		}
		return ((long) length << 8) | last;
	}

	private String readString() throws IOException {
		int length = 0;
		int c;
		while ((c = read()) != '"') {
			if (c < 0) {
				throw truncated("string");
			}
			if (length + 2 > this.text.length) {
				this.text = Arrays.copyOf(this.text, this.text.length * 2);
			}
			this.text[length++] = (byte) c;
			if (c == '\\') {
				this.text[length++] = (byte) read();
			}
		}
		return JsonText.decode(this.text, length);
	}

	private int nonSpace() throws IOException {
		int c = read();
		while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			c = read();
		}
		return c;
	}

	private int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.bytes[this.position++] & 0xFF;
	}

	private boolean fill() throws IOException {
		this.base += this.limit;
		this.buffer.clear();
		int read;
		do {
			read = this.channel.read(this.buffer);
		}
		while (read == 0);
		this.position = 0;
		this.limit = Math.max(read, 0);
		return read > 0;
	}

	private SnapshotFormatException truncated(String what) {
		return new SnapshotFormatException("The snapshot ends inside a " + what + " at offset " + (this.base + this.position));
	}

}
