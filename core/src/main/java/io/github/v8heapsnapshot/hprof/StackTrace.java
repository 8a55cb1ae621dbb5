package io.github.v8heapsnapshot.hprof;

/**
 * A TRACE record: the frames of a thread's stack, innermost first.
 *
 * @param serial the stack trace serial number, not 0
 * @param threadSerial the serial number of the thread
 * @param frameIds the ids of its {@link StackFrame frames}
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public record StackTrace(long serial, int threadSerial, long[] frameIds) {
}
