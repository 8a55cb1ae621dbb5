package io.github.v8heapsnapshot.hprof;

/**
 * The tags of the HPROF records that HotSpot writes: top-level records, and the sub-records
 * of a heap dump segment.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class HprofTag {

	/** A symbol: an id and its modified UTF-8 text. */
	public static final int UTF8 = 0x01;

	/** A loaded class: its serial number, object id and name. */
	public static final int LOAD_CLASS = 0x02;

	/** A stack frame. */
	public static final int FRAME = 0x04;

	/** A stack trace: its serial number, thread and frames. */
	public static final int TRACE = 0x05;

	/** A heap dump in one record. */
	public static final int HEAP_DUMP = 0x0C;

	/** One segment of a heap dump. */
	public static final int HEAP_DUMP_SEGMENT = 0x1C;

	/** The end of a segmented heap dump. */
	public static final int HEAP_DUMP_END = 0x2C;

	/** Sub-record: a root of unknown kind. */
	public static final int ROOT_UNKNOWN = 0xFF;

	/** Sub-record: a JNI global reference. */
	public static final int ROOT_JNI_GLOBAL = 0x01;

	/** Sub-record: a JNI local reference. */
	public static final int ROOT_JNI_LOCAL = 0x02;

	/** Sub-record: a local variable of a Java frame. */
	public static final int ROOT_JAVA_FRAME = 0x03;

	/** Sub-record: a native stack reference. */
	public static final int ROOT_NATIVE_STACK = 0x04;

	/** Sub-record: a system class. */
	public static final int ROOT_STICKY_CLASS = 0x05;

	/** Sub-record: a thread block reference. */
	public static final int ROOT_THREAD_BLOCK = 0x06;

	/** Sub-record: a monitor in use. */
	public static final int ROOT_MONITOR_USED = 0x07;

	/** Sub-record: a thread object. */
	public static final int ROOT_THREAD_OBJ = 0x08;

	/** Sub-record: a class. */
	public static final int CLASS_DUMP = 0x20;

	/** Sub-record: an instance and its field values. */
	public static final int INSTANCE_DUMP = 0x21;

	/** Sub-record: an array of references. */
	public static final int OBJ_ARRAY_DUMP = 0x22;

	/** Sub-record: an array of primitives. */
	public static final int PRIM_ARRAY_DUMP = 0x23;

	private HprofTag() {
	}

	/**
	 * Returns the name of a top-level record for messages.
	 * @param tag the tag
	 * @return its name, such as {@code HEAP_DUMP_SEGMENT}
	 */
	public static String recordName(int tag) {
		return switch (tag) {
			case UTF8 -> "UTF8";
			case LOAD_CLASS -> "LOAD_CLASS";
			case FRAME -> "FRAME";
			case TRACE -> "TRACE";
			case HEAP_DUMP -> "HEAP_DUMP";
			case HEAP_DUMP_SEGMENT -> "HEAP_DUMP_SEGMENT";
			case HEAP_DUMP_END -> "HEAP_DUMP_END";
			default -> "record 0x" + Integer.toHexString(tag);
		};
	}

}
