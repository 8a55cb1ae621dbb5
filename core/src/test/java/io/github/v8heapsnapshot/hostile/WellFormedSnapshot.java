package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.v8heapsnapshot.testing.SnapshotModel;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a {@code .heapsnapshot} file and checks the invariants that every consumer relies
 * on: the declared counts match the arrays, every edge points at the start of a node,
 * every name is in the string table, and {@code strings} comes last.
 *
 * @author v8heapsnapshot developers
 */
final class WellFormedSnapshot {

	private WellFormedSnapshot() {
	}

	/**
	 * Reads and checks a snapshot file.
	 * @param file the file
	 * @return the snapshot
	 * @throws IOException if the file cannot be read
	 */
	static SnapshotModel read(Path file) throws IOException {
		SnapshotModel snapshot = SnapshotModel.read(file);
		JsonNode meta = snapshot.header().get("meta");
		List<String> nodeFields = texts(meta.get("node_fields"));
		List<String> edgeTypes = texts(meta.get("edge_types").get(0));
		long[] nodes = snapshot.rawNodes();
		long[] edges = snapshot.rawEdges();
		int strings = snapshot.strings().size();
		assertThat(snapshot.keys()).as("keys").startsWith("snapshot", "nodes", "edges").endsWith("strings");
		assertThat(nodes).hasSize(snapshot.header().get("node_count").asInt() * nodeFields.size());
		assertThat(edges).hasSize(snapshot.header().get("edge_count").asInt() * meta.get("edge_fields").size());
		long edgeTotal = 0;
		for (int i = 0; i < nodes.length; i += nodeFields.size()) {
			assertThat(nodes[i + nodeFields.indexOf("name")]).as("name of node %d", i).isLessThan(strings);
			edgeTotal += nodes[i + nodeFields.indexOf("edge_count")];
		}
		assertThat(edgeTotal * 3).as("edges of all nodes").isEqualTo(edges.length);
		for (int i = 0; i < edges.length; i += 3) {
			String type = edgeTypes.get((int) edges[i]);
			if (!type.equals("element") && !type.equals("hidden")) {
				assertThat(edges[i + 1]).as("name of edge %d", i / 3).isLessThan(strings);
			}
			assertThat(edges[i + 2] % nodeFields.size()).as("to_node of edge %d", i / 3).isZero();
			assertThat(edges[i + 2]).as("to_node of edge %d", i / 3).isLessThan(nodes.length);
		}
		return snapshot;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((text) -> texts.add(text.asString()));
		return texts;
	}

}
