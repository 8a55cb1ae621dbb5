package io.github.v8heapsnapshot.v8;

/**
 * The fixed parts of a V8 {@code .heapsnapshot} in the Node 20 layout: seven node fields,
 * the full meta, and the type indexes that nodes and edges refer to.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class SnapshotFormat {

	/**
	 * The number of integers per node.
	 */
	public static final int NODE_FIELD_COUNT = 7;

	/**
	 * Node type {@code string}.
	 */
	public static final int NODE_STRING = 2;

	/**
	 * Node type {@code object}.
	 */
	public static final int NODE_OBJECT = 3;

	/**
	 * Node type {@code synthetic}.
	 */
	public static final int NODE_SYNTHETIC = 9;

	/**
	 * Node type {@code object shape}.
	 */
	public static final int NODE_OBJECT_SHAPE = 14;

	/**
	 * Edge type {@code element}: the name is an integer index.
	 */
	public static final int EDGE_ELEMENT = 1;

	/**
	 * Edge type {@code property}.
	 */
	public static final int EDGE_PROPERTY = 2;

	/**
	 * Edge type {@code internal}.
	 */
	public static final int EDGE_INTERNAL = 3;

	/**
	 * Edge type {@code weak}.
	 */
	public static final int EDGE_WEAK = 6;

	/**
	 * The largest self size a node can carry.
	 */
	public static final long MAX_SIZE = 0xFFFFFFFFL;

	private static final String META = "{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\",\"edge_count\","
			+ "\"trace_node_id\",\"detachedness\"],\"node_types\":[[\"hidden\",\"array\",\"string\",\"object\","
			+ "\"code\",\"closure\",\"regexp\",\"number\",\"native\",\"synthetic\",\"concatenated string\","
			+ "\"sliced string\",\"symbol\",\"bigint\",\"object shape\"],\"string\",\"number\",\"number\","
			+ "\"number\",\"number\",\"number\"],\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],"
			+ "\"edge_types\":[[\"context\",\"element\",\"property\",\"internal\",\"hidden\",\"shortcut\","
			+ "\"weak\"],\"string_or_number\",\"node\"],\"trace_function_info_fields\":[\"function_id\",\"name\","
			+ "\"script_name\",\"script_id\",\"line\",\"column\"],\"trace_node_fields\":[\"id\","
			+ "\"function_info_index\",\"count\",\"size\",\"children\"],\"sample_fields\":[\"timestamp_us\","
			+ "\"last_assigned_id\"],\"location_fields\":[\"object_index\",\"script_id\",\"line\",\"column\"]}";

	private SnapshotFormat() {
	}

	/**
	 * Returns the text before the first node.
	 * @param nodeCount the number of nodes
	 * @param edgeCount the number of edges
	 * @return the text up to and including {@code "nodes":[}
	 */
	public static String head(long nodeCount, long edgeCount) {
		return "{\"snapshot\":{\"meta\":" + META + ",\"node_count\":" + nodeCount + ",\"edge_count\":" + edgeCount
				+ ",\"trace_function_count\":0},\n\"nodes\":[";
	}

	/**
	 * Returns the text between the last node and the first edge.
	 * @return the text
	 */
	public static String betweenNodesAndEdges() {
		return "],\n\"edges\":[";
	}

	/**
	 * Returns the text between the last edge and the first string.
	 * @return the text
	 */
	public static String betweenEdgesAndStrings() {
		return "],\n\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n\"locations\":[],\n\"strings\":[";
	}

	/**
	 * Returns the text after the last string.
	 * @return the text
	 */
	public static String tail() {
		return "]}\n";
	}

}
