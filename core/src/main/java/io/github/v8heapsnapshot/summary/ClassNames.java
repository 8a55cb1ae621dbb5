package io.github.v8heapsnapshot.summary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives every node the class DevTools' Summary groups it under ({@code calculateObjectNames}):
 * {@code object} and {@code native} nodes by their name (DOM-like names such as
 * {@code <div id=x>} shortened to {@code <div>}), {@code hidden} nodes as {@code (system)},
 * {@code code} as {@code (compiled code)}, {@code closure} as {@code Function},
 * {@code regexp} as {@code RegExp}, and any other type as {@code (type)}.
 *
 * @author v8heapsnapshot developers
 */
final class ClassNames {

	private final SnapshotGraph graph;

	private final int[] typeClasses;

	private final ScratchSpace.Ints nameClasses;

	private final List<String> names = new ArrayList<>();

	private final Map<String, Integer> ids = new HashMap<>();

	ClassNames(SnapshotGraph graph, ScratchSpace scratch) throws IOException {
		this.graph = graph;
		this.nameClasses = scratch.ints("name-classes", Math.max(graph.stringCount(), 1));
		List<String> types = graph.header().nodeTypes();
		this.typeClasses = new int[types.size()];
		for (int type = 0; type < types.size(); type++) {
			this.typeClasses[type] = switch (types.get(type)) {
				case "object", "native" -> -1;
				case "hidden" -> id("(system)");
				case "code" -> id("(compiled code)");
				case "closure" -> id("Function");
				case "regexp" -> id("RegExp");
				default -> id("(" + types.get(type) + ")");
			};
		}
	}

	/**
	 * Returns the class of a node.
	 * @param node the node ordinal
	 * @return the class id, from 0
	 * @throws IOException if the node's name cannot be read
	 */
	int classOf(int node) throws IOException {
		int byType = this.typeClasses[this.graph.type(node)];
		if (byType >= 0) {
			return byType;
		}
		int name = this.graph.name(node);
		int known = (name >= 0 && name < this.graph.stringCount()) ? this.nameClasses.get(name) : 0;
		if (known > 0) {
			return known - 1;
		}
		int id = id(shorten(this.graph.string(name)));
		this.nameClasses.set(name, id + 1);
		return id;
	}

	int count() {
		return this.names.size();
	}

	String name(int id) {
		return this.names.get(id);
	}

	private int id(String name) {
		return this.ids.computeIfAbsent(name, (key) -> {
			this.names.add(key);
			return this.names.size() - 1;
		});
	}

	private static String shorten(String name) {
		if (name.startsWith("<")) {
			return tag(name, 0);
		}
		if (name.startsWith("Detached <")) {
			return tag(name, 10);
		}
		return name;
	}

	private static String tag(String name, int from) {
		int space = name.indexOf(' ', from);
		return (space != -1) ? name.substring(0, space) + ">" : name;
	}

}
