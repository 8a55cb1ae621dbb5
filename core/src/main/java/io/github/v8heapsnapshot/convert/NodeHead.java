package io.github.v8heapsnapshot.convert;

/**
 * The first int of a node record: the node's kind in the top four bits and, below them, a
 * reference whose meaning the kind decides: the index of the class (of a class, an
 * instance or an object array), a String's coder (0 for LATIN1, 1 for UTF-16) or a
 * primitive array's element type.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class NodeHead {

	static final int CLASS = 0;

	static final int INSTANCE = 1;

	static final int STRING = 2;

	static final int OBJECT_ARRAY = 3;

	static final int PRIMITIVE_ARRAY = 4;

	static final int KINDS = 5;

	private static final int KIND_SHIFT = 28;

	private static final int REF_MASK = (1 << KIND_SHIFT) - 1;

	private NodeHead() {
	}

	static int of(int kind, int ref) {
		return kind << KIND_SHIFT | ref;
	}

	static int kind(int head) {
		return head >>> KIND_SHIFT;
	}

	static int ref(int head) {
		return head & REF_MASK;
	}

}
