package io.github.v8heapsnapshot.hprof;

/**
 * A FRAME record: one frame of a stack trace.
 *
 * @param id the frame id, not 0
 * @param methodNameId the symbol id of the method's name
 * @param signatureId the symbol id of the method's signature
 * @param sourceFileId the symbol id of the source file name, or 0
 * @param classSerial the serial number of the method's class
 * @param line the line number; -1 for none, -2 for compiled code, -3 for a native method
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record StackFrame(long id, long methodNameId, long signatureId, long sourceFileId, long classSerial,
		int line) {

	/**
	 * The line number HotSpot writes for a native method.
	 */
	public static final int NATIVE_METHOD = -3;

}
