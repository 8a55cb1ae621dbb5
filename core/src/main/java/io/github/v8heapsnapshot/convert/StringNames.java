package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.v8heapsnapshot.cancel.Cancellation;

/**
 * Hands the names of the String nodes, in node order, from the thread that interns them
 * to the thread that writes the nodes, through a temporary file that the writer reads as
 * soon as it is written, so that the nodes are written while later Strings are still
 * being named. Each record is a name's index in the strings table and the size of the
 * array folded into the String.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class StringNames implements Closeable {

	private static final int BUFFER_SIZE = 1 << 18;

	private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final FileChannel channel;

	private final Cancellation stop;

	private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.nativeOrder());

	private long written;

	private final AtomicLong published = new AtomicLong();

	private volatile boolean finished;

	private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_SIZE).order(ByteOrder.nativeOrder()).limit(0);

	private long read;

	StringNames(Path file, Cancellation stop) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		this.stop = stop;
	}

	/**
	 * Adds the next String's name, on the naming thread.
	 * @param name the index of the name in the strings table
	 * @param folded the size of the folded array, or 0
	 */
	void add(int name, int folded) throws IOException {
		if (this.out.remaining() < 8) {
			flush();
		}
		this.out.putInt(name);
		this.out.putInt(folded);
	}

	/**
	 * Hands over the last names, on the naming thread.
	 */
	void finish() throws IOException {
		flush();
		this.finished = true;
	}

	private void flush() throws IOException {
		this.stop.check();
		this.out.flip();
		while (this.out.hasRemaining()) {
			this.written += this.channel.write(this.out, this.written);
		}
		this.out.clear();
		this.published.set(this.written);
	}

	/**
	 * Returns the next String's record, on the writing thread, waiting for it if needed.
	 * @return the name's index in the upper 32 bits, the folded size in the lower ones
	 */
	long next() throws IOException {
		if (this.in.remaining() < 8) {
			fill();
		}
		int name = this.in.getInt();
		return ((long) name << 32) | Integer.toUnsignedLong(this.in.getInt());
	}

	private void fill() throws IOException {
		long available = awaitMore();
		this.in.compact();
		int count = (int) Math.min(this.in.remaining(), available - this.read);
		this.in.limit(this.in.position() + count);
		while (this.in.hasRemaining()) {
			this.read += this.channel.read(this.in, this.read);
		}
		this.in.flip();
	}

	private long awaitMore() throws IOException {
		while (true) {
			boolean last = this.finished;
			long available = this.published.get();
			if (available > this.read) {
				return available;
			}
			if (last) {
				throw new IllegalStateException("String names ended early");
			}
			this.stop.check();
			LockSupport.parkNanos(WAIT_NANOS);
		}
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
