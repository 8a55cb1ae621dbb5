package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.v8heapsnapshot.v8.SnapshotFormat;

/**
 * Writes small hand-built {@code .heapsnapshot} files whose dominators are known: a root
 * (node 0) and whatever nodes and edges a test adds, in the layout this project writes or in
 * V8's 6-column one.
 *
 * @author v8heapsnapshot developers
 */
final class SnapshotBuilder {

	private static final List<String> NODE_TYPES = List.of("hidden", "array", "string", "object", "code", "closure",
			"regexp", "number", "native", "synthetic", "concatenated string", "sliced string", "symbol", "bigint",
			"object shape");

	private static final List<String> EDGE_TYPES = List.of("context", "element", "property", "internal", "hidden",
			"shortcut", "weak");

	private final List<long[]> nodes = new ArrayList<>();

	private final List<List<long[]>> edges = new ArrayList<>();

	private final Map<String, Integer> strings = new LinkedHashMap<>();

	SnapshotBuilder() {
		string("");
		node("synthetic", "", 0);
	}

	int root() {
		return 0;
	}

	/**
	 * Adds a node.
	 * @param type the V8 node type
	 * @param name its name
	 * @param size its self size
	 * @return its ordinal
	 */
	int node(String type, String name, long size) {
		int ordinal = this.nodes.size();
		this.nodes.add(new long[] { NODE_TYPES.indexOf(type), string(name), 2L * ordinal + 1, size });
		this.edges.add(new ArrayList<>());
		return ordinal;
	}

	SnapshotBuilder edge(int from, String type, String name, int to) {
		boolean indexed = type.equals("element") || type.equals("hidden");
		this.edges.get(from)
			.add(new long[] { EDGE_TYPES.indexOf(type), indexed ? Long.parseLong(name) : string(name), to });
		return this;
	}

	Path write(Path file) throws IOException {
		return write(file, false);
	}

	/**
	 * Writes the snapshot.
	 * @param file where to write it
	 * @param v8Layout whether to write V8 15.2's six node columns, without
	 * {@code trace_node_id} and with extra keys, instead of this project's layout
	 * @return the file
	 * @throws IOException if the file cannot be written
	 */
	Path write(Path file, boolean v8Layout) throws IOException {
		long edgeCount = this.edges.stream().mapToLong(List::size).sum();
		int fields = v8Layout ? 6 : SnapshotFormat.NODE_FIELD_COUNT;
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			if (v8Layout) {
				out.write("{\"snapshot\":{\"meta\":{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\",\"edge_count\","
						+ "\"detachedness\"],\"node_types\":[" + quoted(NODE_TYPES)
						+ ",\"string\",\"number\",\"number\",\"number\",\"number\"],\"edge_fields\":[\"type\","
						+ "\"name_or_index\",\"to_node\"],\"edge_types\":[" + quoted(EDGE_TYPES)
						+ ",\"string_or_number\",\"node\"],\"location_fields\":[\"object_index\",\"script_id\","
						+ "\"script_object_index\",\"line\",\"column\"]},\"node_count\":" + this.nodes.size()
						+ ",\"edge_count\":" + edgeCount + ",\"trace_function_count\":0,\"extra_native_bytes\":1.5e3},\n"
						+ "\"nodes\":[");
			}
			else {
				out.write(SnapshotFormat.head(this.nodes.size(), edgeCount));
			}
			for (int i = 0; i < this.nodes.size(); i++) {
				long[] node = this.nodes.get(i);
				out.write((i > 0 ? ",\n" : "") + node[0] + "," + node[1] + "," + node[2] + "," + node[3] + ","
						+ this.edges.get(i).size() + (v8Layout ? ",0" : ",0,0"));
			}
			out.write(SnapshotFormat.betweenNodesAndEdges());
			String separator = "";
			for (List<long[]> from : this.edges) {
				for (long[] edge : from) {
					out.write(separator + edge[0] + "," + edge[1] + "," + edge[2] * fields);
					separator = ",\n";
				}
			}
			out.write(v8Layout ? "],\n\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n"
					+ "\"locations\":[[1,2],{\"x\":\"]\"}],\n\"strings\":[" : SnapshotFormat.betweenEdgesAndStrings());
			separator = "";
			for (String string : this.strings.keySet()) {
				out.write(separator + quote(string));
				separator = ",\n";
			}
			out.write(SnapshotFormat.tail());
		}
		return file;
	}

	private int string(String value) {
		return this.strings.computeIfAbsent(value, (key) -> this.strings.size());
	}

	// Escapes quotes, backslashes and control characters; writes other characters as UTF-8
	private static String quote(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < ' ') {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	private static String quoted(List<String> values) {
		return "[" + String.join(",", values.stream().map((value) -> "\"" + value + "\"").toList()) + "]";
	}

}
