package io.github.v8heapsnapshot.ids;

import java.io.IOException;

/**
 * The nodes of one snapshot as {@link ObjectIds} reads them, each by its ordinal (its
 * position in the snapshot, from 0 to {@link #nodeCount()} - 1): its class, its address,
 * the references that hold it and whether a root reaches it.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public interface ObjectGraph {

	/**
	 * Returns the number of nodes.
	 * @return the count
	 */
	long nodeCount();

	/**
	 * Visits every node once, in any order.
	 * @param visitor called with each node's ordinal, its class key (a {@link #key} of what
	 * the node is: its class name and size, so that an array that changed length is another
	 * object) and, for the nodes of classes, their anchor (a key of the class name and its
	 * loader's class name; 0 for other nodes) and its own content (a key of what never
	 * changes in it: the characters of a String or of a {@code byte[]} or {@code char[]},
	 * the anchor of a class; 0 for other nodes)
	 * @throws IOException if the graph cannot be read
	 */
	void nodes(NodeVisitor visitor) throws IOException;

	/**
	 * Visits every node in ascending order of address.
	 * @param visitor called with each node's address and ordinal
	 * @throws IOException if the graph cannot be read
	 */
	void addresses(AddressVisitor visitor) throws IOException;

	/**
	 * Visits the references between nodes, but for the internal ones to classes, such as
	 * an object's to its class.
	 * @param visitor called with each reference's source, a key of its name (the field's
	 * name or the element's index) and its target
	 * @throws IOException if the graph cannot be read
	 */
	void edges(EdgeVisitor visitor) throws IOException;

	/**
	 * Tells whether a node is a class.
	 * @param ordinal the node's ordinal
	 * @return whether it is a class
	 */
	boolean isClass(long ordinal);

	/**
	 * Tells whether a node is a class or reached from a GC root through strong references.
	 * The others only hang from weak references or from objects that the dump leaves out,
	 * such as the reflection caches that fields of {@code java.lang.Class} hold.
	 * @param ordinal the node's ordinal
	 * @return whether it is rooted
	 */
	boolean rooted(long ordinal);

	/**
	 * Combines two values into a well mixed key that is never 0.
	 * @param first the first value
	 * @param second the second value
	 * @return the key
	 */
	static int key(long first, long second) {
		long h = first * 0x9E3779B97F4A7C15L + second;
		h ^= h >>> 33;
		h *= 0xFF51AFD7ED558CCDL;
		h ^= h >>> 33;
		h *= 0xC4CEB9FE1A85EC53L;
		h ^= h >>> 33;
		int key = (int) h;
		return (key != 0) ? key : 1;
	}

	/**
	 * Receives the nodes.
	 */
	@FunctionalInterface
	interface NodeVisitor {

		/**
		 * Receives a node.
		 * @param ordinal its ordinal
		 * @param classKey its class key
		 * @param anchor its anchor if it is a class, else 0
		 * @param content its own content, or 0
		 * @throws IOException if the visitor fails
		 */
		void node(long ordinal, int classKey, int anchor, int content) throws IOException;

	}

	/**
	 * Receives the addresses.
	 */
	@FunctionalInterface
	interface AddressVisitor {

		/**
		 * Receives a node's address.
		 * @param address its address
		 * @param ordinal its ordinal
		 * @throws IOException if the visitor fails
		 */
		void address(long address, long ordinal) throws IOException;

	}

	/**
	 * Receives the references.
	 */
	@FunctionalInterface
	interface EdgeVisitor {

		/**
		 * Receives a reference.
		 * @param source the ordinal of the node that holds it
		 * @param name the key of its name
		 * @param target the ordinal of the node it refers to
		 * @throws IOException if the visitor fails
		 */
		void edge(long source, int name, long target) throws IOException;

	}

}
