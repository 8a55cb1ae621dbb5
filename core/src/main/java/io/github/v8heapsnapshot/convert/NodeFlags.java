package io.github.v8heapsnapshot.convert;

/**
 * The bits kept per node in a byte while linking: a saturating count of strong references
 * to the node (0, 1, 2 or more) and what else points at it. They decide which value arrays
 * fold into their String and which nodes are the tops of subgraphs no root reaches.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class NodeFlags {

	static final int STRONG_MASK = 3;

	static final int WEAK = 4;

	static final int ROOT = 8;

	static final int STRING_VALUE = 16;

	static final int TEXT_ARRAY = 32;

	static final int SENSITIVE = 64;

	/** Set on one node of each group that neither a root nor an unreferenced node reaches. */
	static final int UNREACHED = 128;

	private NodeFlags() {
	}

	static byte addStrong(byte flags) {
		return ((flags & STRONG_MASK) < 2) ? (byte) (flags + 1) : flags;
	}

	static byte merge(byte a, byte b) {
		int strong = Math.min(2, (a & STRONG_MASK) + (b & STRONG_MASK));
		return (byte) (((a | b) & ~STRONG_MASK) | strong);
	}

	static boolean folded(byte flags) {
		return (flags & (STRING_VALUE | TEXT_ARRAY | STRONG_MASK | WEAK | ROOT)) == (STRING_VALUE | TEXT_ARRAY | 1);
	}

	static boolean top(byte flags) {
		return (flags & (STRONG_MASK | ROOT)) == 0 || (flags & UNREACHED) != 0;
	}

}
