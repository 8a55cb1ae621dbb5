package io.github.v8heapsnapshot.consumer;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What memlab computed for a snapshot it loaded.
 *
 * @param loaded whether memlab loaded the file
 * @param error what memlab said when it failed
 * @param seconds how long loading and analysing took
 * @param nodeCount the number of nodes memlab built
 * @param edgeCount the number of edges memlab built
 * @param totalShallowSize the sum of the self sizes of all nodes
 * @param rootRetainedSize the retained size of the root node
 * @param classes one row per class, grouped like the DevTools Summary
 * @param path the shortest retainer path from the GC roots to one instance of the requested
 * class, empty if none was found, {@code null} if none was requested
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public record MemlabView(boolean loaded, @Nullable String error, double seconds, long nodeCount, long edgeCount,
		long totalShallowSize, long rootRetainedSize, List<ClassRow> classes, @Nullable List<PathStep> path) {

	/**
	 * Returns the row of a class.
	 * @param name the class name as DevTools groups it ({@code (string)} for strings)
	 * @return the row, if memlab saw such nodes
	 */
	public Optional<ClassRow> classRow(String name) {
		return this.classes.stream().filter((row) -> row.name().equals(name)).findFirst();
	}

	/**
	 * Nodes of one class.
	 *
	 * @param name the class name
	 * @param type the V8 node type of its nodes
	 * @param count the number of nodes
	 * @param shallowSize the sum of their self sizes
	 * @param retainedSize the sum of the retained sizes of the nodes that no other node of
	 * the class dominates
	 */
	public record ClassRow(String name, String type, long count, long shallowSize, long retainedSize) {
	}

	/**
	 * One edge on a retainer path and the node it leads to.
	 *
	 * @param edgeName the edge name, or the index of an element edge
	 * @param edgeType the V8 edge type
	 * @param nodeName the name of the node
	 * @param nodeType the V8 node type
	 */
	public record PathStep(String edgeName, String edgeType, String nodeName, String nodeType) {
	}

}
