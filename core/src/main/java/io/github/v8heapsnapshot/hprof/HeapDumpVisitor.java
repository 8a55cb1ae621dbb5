package io.github.v8heapsnapshot.hprof;

import java.io.IOException;

/**
 * Receives the sub-records of heap dump segments from a {@link HeapDumpScanner}. The scanner
 * moves past each record afterwards, whatever the visitor read of it.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public interface HeapDumpVisitor {

	/**
	 * A GC root.
	 * @param kind the kind of root
	 * @param objectId the object it holds
	 * @param threadSerial the thread serial, or 0 when the kind has none
	 * @param index the frame index for frame roots (-1 for none), the stack trace serial for
	 * thread objects, else 0
	 */
	default void root(RootKind kind, long objectId, int threadSerial, int index) {
	}

	/**
	 * A class.
	 * @param dump the class dump
	 * @param offset the file offset of the sub-record
	 * @throws IOException to stop the scan
	 */
	default void classDump(ClassDump dump, long offset) throws IOException {
	}

	/**
	 * An instance; its field bytes are available in the input's buffer from its position.
	 * @param id the object id
	 * @param classId the class id
	 * @param length the number of field bytes
	 * @param in the input
	 * @param offset the file offset of the sub-record
	 * @throws IOException to stop the scan
	 */
	default void instance(long id, long classId, int length, HprofInput in, long offset) throws IOException {
	}

	/**
	 * An object array; its elements follow at the input's position (use
	 * {@link HprofInput#require} to read them in chunks).
	 * @param id the array id
	 * @param classId the array class id
	 * @param length the number of elements
	 * @param in the input
	 * @param offset the file offset of the sub-record
	 * @throws IOException to stop the scan
	 */
	default void objectArray(long id, long classId, int length, HprofInput in, long offset) throws IOException {
	}

	/**
	 * A primitive array; its elements follow at the input's position.
	 * @param id the array id
	 * @param type the element type
	 * @param length the number of elements
	 * @param in the input
	 * @param offset the file offset of the sub-record
	 * @throws IOException to stop the scan
	 */
	default void primitiveArray(long id, int type, int length, HprofInput in, long offset) throws IOException {
	}

}
