package io.github.v8heapsnapshot.convert;

/**
 * A category of GC roots, a synthetic node under {@code (GC roots)} in the snapshot, in
 * the order the snapshot lists them.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
enum RootCategory {

	JNI_GLOBALS("(JNI globals)"),

	SYSTEM_CLASSES("(System classes)"),

	THREAD_OBJECTS("(Thread objects)"),

	/**
	 * The stack locals of threads whose object the dump lacks; the others' hang under
	 * their Thread object.
	 */
	JAVA_FRAMES("(Java frames)"),

	MONITORS("(Monitors)"),

	NATIVE_STACKS("(Native stacks)"),

	THREAD_BLOCKS("(Thread blocks)"),

	UNKNOWN("(Unknown roots)"),

	/**
	 * The nodes no root reaches, found while numbering.
	 */
	UNREACHABLE("(Unreachable from dump roots)"),

	/**
	 * The nodes only weak references reach, found while numbering.
	 */
	WEAKLY_REACHABLE("(Weakly reachable only)");

	private final String nodeName;

	RootCategory(String nodeName) {
		this.nodeName = nodeName;
	}

	/**
	 * Returns the name of the category's node.
	 * @return the name
	 */
	String nodeName() {
		return this.nodeName;
	}

	/**
	 * Returns whether the category holds the nodes no root reaches rather than roots of
	 * the dump.
	 * @return whether this is {@link #UNREACHABLE} or {@link #WEAKLY_REACHABLE}
	 */
	boolean tops() {
		return this == UNREACHABLE || this == WEAKLY_REACHABLE;
	}

}
