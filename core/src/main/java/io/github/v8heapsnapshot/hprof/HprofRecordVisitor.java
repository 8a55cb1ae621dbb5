package io.github.v8heapsnapshot.hprof;

import java.io.IOException;

/**
 * Receives the top-level records of an HPROF file from a {@link HprofReader}, in file
 * order. Records that carry nothing for a snapshot are skipped.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public interface HprofRecordVisitor {

	/**
	 * A symbol, whose text the visitor can read later from the file.
	 * @param id the symbol id, not 0
	 * @param textOffset the file offset of its modified UTF-8 text
	 * @param textLength the length of the text in bytes
	 */
	default void symbol(long id, long textOffset, int textLength) {
	}

	/**
	 * A loaded class.
	 * @param serial the class serial number, not 0
	 * @param classId the class object id, not 0
	 * @param nameId the symbol id of its name
	 */
	default void loadClass(int serial, long classId, long nameId) {
	}

	/**
	 * A stack frame.
	 * @param frame the frame
	 */
	default void stackFrame(StackFrame frame) {
	}

	/**
	 * A stack trace.
	 * @param trace the trace
	 */
	default void stackTrace(StackTrace trace) {
	}

	/**
	 * A heap dump or heap dump segment, whose sub-records a {@link HeapDumpScanner} reads.
	 * @param start the file offset of its body
	 * @param end the file offset after it
	 * @throws IOException to stop the reader
	 */
	default void heapDump(long start, long end) throws IOException {
	}

}
