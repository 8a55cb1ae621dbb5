package io.github.v8heapsnapshot.hprof;

/**
 * The kinds of GC root sub-records.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public enum RootKind {

	/**
	 * ROOT_UNKNOWN (0xFF).
	 */
	UNKNOWN,

	/**
	 * ROOT_JNI_GLOBAL (0x01).
	 */
	JNI_GLOBAL,

	/**
	 * ROOT_JNI_LOCAL (0x02).
	 */
	JNI_LOCAL,

	/**
	 * ROOT_JAVA_FRAME (0x03).
	 */
	JAVA_FRAME,

	/**
	 * ROOT_NATIVE_STACK (0x04).
	 */
	NATIVE_STACK,

	/**
	 * ROOT_STICKY_CLASS (0x05).
	 */
	STICKY_CLASS,

	/**
	 * ROOT_THREAD_BLOCK (0x06).
	 */
	THREAD_BLOCK,

	/**
	 * ROOT_MONITOR_USED (0x07).
	 */
	MONITOR_USED,

	/**
	 * ROOT_THREAD_OBJ (0x08).
	 */
	THREAD_OBJECT

}
