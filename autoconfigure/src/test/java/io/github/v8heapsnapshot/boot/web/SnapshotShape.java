package io.github.v8heapsnapshot.boot.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The counts of a {@code .heapsnapshot} file, read with a streaming parser so that a
 * whole heap is never held as a tree: the declared node and edge counts, and the numbers
 * actually found in the {@code nodes} and {@code edges} arrays.
 *
 * @param nodeCount the declared node count
 * @param edgeCount the declared edge count
 * @param nodeFieldCount the number of fields of a node
 * @param edgeFieldCount the number of fields of an edge
 * @param nodeValues the numbers in the {@code nodes} array
 * @param edgeValues the numbers in the {@code edges} array
 * @param strings the entries of the {@code strings} array
 * @author v8heapsnapshot developers
 */
record SnapshotShape(long nodeCount, long edgeCount, int nodeFieldCount, int edgeFieldCount, long nodeValues,
		long edgeValues, long strings) {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	static SnapshotShape read(byte[] json) {
		Builder builder = new Builder();
		try (JsonParser parser = jsonMapper.createParser(json)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				switch (name) {
					case "snapshot" -> builder.snapshot(parser);
					case "nodes" -> builder.nodeValues = countArray(parser);
					case "edges" -> builder.edgeValues = countArray(parser);
					case "strings" -> builder.strings = countArray(parser);
					default -> parser.skipChildren();
				}
			}
			expect(parser.nextToken(), null);
		}
		return builder.build();
	}

	private static long countArray(JsonParser parser) {
		expect(parser.currentToken(), JsonToken.START_ARRAY);
		long count = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			parser.skipChildren();
			count++;
		}
		return count;
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("Expected " + expected + " but found " + actual);
		}
	}

	private static final class Builder {

		long nodeCount = -1;

		long edgeCount = -1;

		int nodeFieldCount;

		int edgeFieldCount;

		long nodeValues;

		long edgeValues;

		long strings;

		void snapshot(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				switch (name) {
					case "node_count" -> this.nodeCount = parser.getLongValue();
					case "edge_count" -> this.edgeCount = parser.getLongValue();
					case "meta" -> meta(parser);
					default -> parser.skipChildren();
				}
			}
		}

		void meta(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				switch (name) {
					case "node_fields" -> this.nodeFieldCount = (int) countArray(parser);
					case "edge_fields" -> this.edgeFieldCount = (int) countArray(parser);
					default -> parser.skipChildren();
				}
			}
		}

		SnapshotShape build() {
			return new SnapshotShape(this.nodeCount, this.edgeCount, this.nodeFieldCount, this.edgeFieldCount,
					this.nodeValues, this.edgeValues, this.strings);
		}

	}

}
