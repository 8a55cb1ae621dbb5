package io.github.v8heapsnapshot.summary;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a heap snapshot holds, computed by {@link HeapSnapshotSummarizer}: either
 * {@value #READY} with totals, the class histogram, the biggest retainers and duplicated
 * strings, or {@value #UNAVAILABLE} with the reason and no data.
 *
 * @param name the snapshot's file name
 * @param state {@value #READY} or {@value #UNAVAILABLE}
 * @param reason why the summary is unavailable, or {@code null} when it is ready
 * @param totals the totals, or {@code null} when unavailable
 * @param classes every class with at least one object, by retained size, largest first; or
 * {@code null} when unavailable
 * @param retainers the objects that retain the most, largest first; or {@code null} when
 * unavailable
 * @param duplicatedStrings the string values held by more than one string object, by wasted
 * bytes, largest first; or {@code null} when unavailable
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record HeapSummary(String name, String state, @Nullable String reason, @Nullable Totals totals,
		@Nullable List<ClassEntry> classes, @Nullable List<Retainer> retainers,
		@Nullable List<DuplicatedString> duplicatedStrings) {

	/**
	 * The state of a summary that holds data.
	 */
	public static final String READY = "ready";

	/**
	 * The state of a summary that could not be computed, for example because the snapshot
	 * is too big for the configured limit.
	 */
	public static final String UNAVAILABLE = "unavailable";

	/**
	 * Creates a summary, keeping unmodifiable copies of the lists.
	 * @param name the snapshot's file name
	 * @param state the state
	 * @param reason why the summary is unavailable
	 * @param totals the totals
	 * @param classes the class histogram
	 * @param retainers the biggest retainers
	 * @param duplicatedStrings the duplicated strings
	 */
	public HeapSummary {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(state, "state");
		classes = (classes != null) ? List.copyOf(classes) : null;
		retainers = (retainers != null) ? List.copyOf(retainers) : null;
		duplicatedStrings = (duplicatedStrings != null) ? List.copyOf(duplicatedStrings) : null;
	}

	/**
	 * Returns a summary that holds data.
	 * @param name the snapshot's file name
	 * @param totals the totals
	 * @param classes the class histogram
	 * @param retainers the biggest retainers
	 * @param duplicatedStrings the duplicated strings
	 * @return the summary
	 */
	public static HeapSummary ready(String name, Totals totals, List<ClassEntry> classes, List<Retainer> retainers,
			List<DuplicatedString> duplicatedStrings) {
		return new HeapSummary(name, READY, null, totals, classes, retainers, duplicatedStrings);
	}

	/**
	 * Returns a summary that says why it holds no data.
	 * @param name the snapshot's file name
	 * @param reason why the summary could not be computed
	 * @return the summary
	 */
	public static HeapSummary unavailable(String name, String reason) {
		return new HeapSummary(name, UNAVAILABLE, Objects.requireNonNull(reason, "reason"), null, null, null, null);
	}

	/**
	 * The totals of a snapshot.
	 *
	 * @param nodes the number of nodes, synthetic ones included
	 * @param edges the number of edges
	 * @param objects the number of nodes with a non-zero self size: those that DevTools'
	 * Summary lists
	 * @param shallowBytes the sum of all self sizes, which is also the root's retained size
	 * @param byType count and self sizes per V8 node type, in the snapshot's type order
	 */
	public record Totals(long nodes, long edges, long objects, long shallowBytes, List<TypeTotal> byType) {

		/**
		 * Creates totals, keeping an unmodifiable copy of the per-type list.
		 * @param nodes the number of nodes
		 * @param edges the number of edges
		 * @param objects the number of nodes with a non-zero self size
		 * @param shallowBytes the sum of all self sizes
		 * @param byType the per-type totals
		 */
		public Totals {
			byType = List.copyOf(byType);
		}

	}

	/**
	 * The nodes of one V8 node type.
	 *
	 * @param type the type's name, such as {@code object} or {@code string}
	 * @param count the number of nodes of that type
	 * @param shallowBytes the sum of their self sizes
	 */
	public record TypeTotal(String type, long count, long shallowBytes) {
	}

	/**
	 * One row of the class histogram: the nodes that DevTools' Summary groups under one
	 * constructor name.
	 *
	 * @param name the class name as DevTools shows it: the node name of {@code object} and
	 * {@code native} nodes (for this project's snapshots the Java class name), else a name
	 * for the node type such as {@code (string)} or {@code (object shape)}
	 * @param count the number of nodes with a non-zero self size
	 * @param shallowBytes the sum of their self sizes
	 * @param retainedBytes the sum of the retained sizes of those instances that no other
	 * instance of the class dominates
	 */
	public record ClassEntry(String name, long count, long shallowBytes, long retainedBytes) {
	}

	/**
	 * An object that retains much of the heap, with the shortest path that holds it.
	 *
	 * @param id the node id, as DevTools shows it after {@code @}
	 * @param name the node's name: for objects the class name
	 * @param shallowBytes the node's self size
	 * @param retainedBytes the node's retained size
	 * @param path the shortest path from the node below the synthetic root (normally
	 * {@code (GC roots)}) to this node, weak edges not followed
	 */
	public record Retainer(long id, String name, long shallowBytes, long retainedBytes, List<PathStep> path) {

		/**
		 * Creates a retainer, keeping an unmodifiable copy of the path.
		 * @param id the node id
		 * @param name the node name
		 * @param shallowBytes the self size
		 * @param retainedBytes the retained size
		 * @param path the path from the GC roots
		 */
		public Retainer {
			path = List.copyOf(path);
		}

	}

	/**
	 * One node on a retainer path.
	 *
	 * @param node the node's name
	 * @param edge the name of the edge from the previous node, {@code [i]} for array
	 * elements; {@code null} on the first step
	 */
	public record PathStep(String node, @Nullable String edge) {
	}

	/**
	 * A string value held by several string objects.
	 *
	 * @param value the value (as long as the snapshot keeps it)
	 * @param count the number of string objects with that value
	 * @param size the self size of the largest of them
	 * @param wastedBytes the self sizes of all of them but the largest one
	 */
	public record DuplicatedString(String value, long count, long size, long wastedBytes) {
	}

}
