package io.github.v8heapsnapshot.summary;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The layout a {@code .heapsnapshot} declares in its {@code snapshot} object: node and edge
 * columns, type names and counts. Read from the file rather than assumed, so that both this
 * project's 7-column layout and V8's 6-column one are understood.
 *
 * @author v8heapsnapshot developers
 */
record SnapshotHeader(long nodeCount, long edgeCount, int rootIndex, int nodeFieldCount, int typeColumn,
		int nameColumn, int idColumn, int sizeColumn, int edgeCountColumn, int edgeFieldCount, int edgeTypeColumn,
		int edgeNameColumn, int edgeToColumn, List<String> nodeTypes, List<String> edgeTypes) {

	static SnapshotHeader of(Object snapshot) throws SnapshotFormatException {
		Map<?, ?> header = map(snapshot, "snapshot");
		Map<?, ?> meta = map(header.get("meta"), "snapshot.meta");
		List<String> nodeFields = strings(meta.get("node_fields"), "node_fields");
		List<String> edgeFields = strings(meta.get("edge_fields"), "edge_fields");
		List<?> nodeTypes = list(meta.get("node_types"), "node_types");
		List<?> edgeTypes = list(meta.get("edge_types"), "edge_types");
		long nodeCount = number(header.get("node_count"), "node_count");
		long edgeCount = number(header.get("edge_count"), "edge_count");
		if (nodeCount < 1 || nodeCount >= Integer.MAX_VALUE - 2 || edgeCount >= Integer.MAX_VALUE) {
			throw new SnapshotFormatException(
					"Unsupported node or edge count: " + nodeCount + " nodes, " + edgeCount + " edges");
		}
		long rootIndex = header.containsKey("root_index") ? number(header.get("root_index"), "root_index") : 0;
		if (rootIndex != 0 && rootIndex != nodeCount - 1) {
			throw new SnapshotFormatException("The root must be the first or the last node, was node " + rootIndex);
		}
		return new SnapshotHeader(nodeCount, edgeCount, (int) rootIndex, nodeFields.size(),
				column(nodeFields, "type"), column(nodeFields, "name"), column(nodeFields, "id"),
				column(nodeFields, "self_size"), column(nodeFields, "edge_count"), edgeFields.size(),
				column(edgeFields, "type"), column(edgeFields, "name_or_index"), column(edgeFields, "to_node"),
				strings(nodeTypes.isEmpty() ? null : nodeTypes.get(0), "node_types[0]"),
				strings(edgeTypes.isEmpty() ? null : edgeTypes.get(0), "edge_types[0]"));
	}

	int nodeType(String name) {
		return this.nodeTypes.indexOf(name);
	}

	int edgeType(String name) {
		return this.edgeTypes.indexOf(name);
	}

	private static int column(List<String> fields, String name) throws SnapshotFormatException {
		int column = fields.indexOf(name);
		if (column < 0) {
			throw new SnapshotFormatException("The snapshot's meta has no '" + name + "' field");
		}
		return column;
	}

	private static Map<?, ?> map(@Nullable Object value, String what) throws SnapshotFormatException {
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new SnapshotFormatException("'" + what + "' is not an object");
	}

	private static List<?> list(@Nullable Object value, String what) throws SnapshotFormatException {
		if (value instanceof List<?> list) {
			return list;
		}
		throw new SnapshotFormatException("'" + what + "' is not an array");
	}

	private static List<String> strings(@Nullable Object value, String what) throws SnapshotFormatException {
		List<?> list = list(value, what);
		for (Object element : list) {
			if (!(element instanceof String)) {
				throw new SnapshotFormatException("'" + what + "' holds something other than strings");
			}
		}
		return list.stream().map(String.class::cast).toList();
	}

	private static long number(@Nullable Object value, String what) throws SnapshotFormatException {
		if (value instanceof Long number && number >= 0) {
			return number;
		}
		throw new SnapshotFormatException("'" + what + "' is not a non-negative integer");
	}

}
