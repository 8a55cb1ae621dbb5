package io.github.v8heapsnapshot.convert;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * Closes what was opened so far, last first, when opening the rest fails.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
final class Closer implements Closeable {

	private final Deque<Closeable> opened = new ArrayDeque<>();

	<C extends Closeable> C add(C closeable) {
		this.opened.push(closeable);
		return closeable;
	}

	@Override
	public void close() throws IOException {
		IOException failure = null;
		while (!this.opened.isEmpty()) {
			try {
				this.opened.pop().close();
			}
			catch (IOException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * Closes each of a few in turn.
	 * @param closeables what to close, {@code null} for what was never opened
	 */
	static void closeAll(@Nullable Closeable... closeables) throws IOException {
		for (Closeable closeable : closeables) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

}
