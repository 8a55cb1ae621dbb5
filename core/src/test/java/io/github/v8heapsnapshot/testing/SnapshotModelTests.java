package io.github.v8heapsnapshot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.v8heapsnapshot.testing.SnapshotModel.Edge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link SnapshotModel} on the hand-written snapshot that the consumers tests load
 * in memlab and DevTools, whose dominators are known.
 *
 * @author v8heapsnapshot developers
 */
class SnapshotModelTests {

	@TempDir
	Path temp;

	private SnapshotModel model;

	@BeforeEach
	void read() throws IOException {
		Path file = this.temp.resolve("owner-graph.heapsnapshot");
		try (InputStream in = getClass().getResourceAsStream("/io/github/v8heapsnapshot/consumer/owner-graph.json")) {
			Files.copy(in, file);
		}
		this.model = SnapshotModel.read(file);
	}

	@Test
	void readsNodesEdgesAndStrings() {
		assertThat(this.model.keys()).containsExactly("snapshot", "nodes", "edges", "trace_function_infos", "trace_tree",
				"samples", "locations", "strings");
		assertThat(this.model.nodeCount()).isEqualTo(9);
		assertThat(this.model.edgeCount()).isEqualTo(10);
		int owner = this.model.node("object", "com.example.Owner");
		assertThat(this.model.id(owner)).isEqualTo(9);
		assertThat(this.model.selfSize(owner)).isEqualTo(32);
		assertThat(this.model.edges(owner)).extracting(Edge::type, Edge::name)
			.containsExactly(tuple("property", "items"),
					tuple("property", "name"));
		int array = this.model.follow(owner, "items");
		assertThat(this.model.name(this.model.follow(array, "1"))).isEqualTo("com.example.Item");
		assertThat(this.model.name(this.model.follow(owner, "name"))).isEqualTo("owner");
		assertThat(this.model.retainers(this.model.follow(owner, "name"))).extracting(Edge::type)
			.containsExactly("property", "weak");
	}

	@Test
	void ignoresWeakEdgesForDominators() {
		int owner = this.model.node("object", "com.example.Owner");
		int string = this.model.node("string", "owner");
		int array = this.model.follow(owner, "items");
		int onlyInArray = this.model.follow(array, "0");
		int alsoGlobal = this.model.follow(array, "1");
		assertThat(this.model.dominator(string)).isEqualTo(owner);
		assertThat(this.model.dominator(onlyInArray)).isEqualTo(array);
		assertThat(this.model.dominator(alsoGlobal)).isEqualTo(this.model.node("synthetic", "(GC roots)"));
		assertThat(this.model.dominator(0)).isEqualTo(-1);
	}

	@Test
	void computesRetainedSizesAsMemlabDoes() {
		int owner = this.model.node("object", "com.example.Owner");
		assertThat(this.model.retainedSize(owner)).isEqualTo(112);
		assertThat(this.model.retainedSize(this.model.follow(owner, "items"))).isEqualTo(40);
		assertThat(this.model.retainedSize(0)).isEqualTo(this.model.totalSelfSize()).isEqualTo(128);
	}

}
