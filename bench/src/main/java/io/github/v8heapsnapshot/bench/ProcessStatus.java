package io.github.v8heapsnapshot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process, from {@code /proc/self/status} (Linux). {@code rss}
 * is {@code anonymous + file + shmem}: pages of memory-mapped files count in {@code file}
 * while they are mapped and resident, although the kernel may drop them at any time.
 *
 * @param rss the resident set size ({@code VmRSS}) in bytes
 * @param peakRss the highest resident set size since the start or the last
 * {@link #resetPeak()} ({@code VmHWM}) in bytes
 * @param anonymous the resident anonymous memory ({@code RssAnon}) in bytes
 * @param file the resident pages of mapped files ({@code RssFile}) in bytes
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
record ProcessStatus(long rss, long peakRss, long anonymous, long file) {

	private static final Path STATUS = Path.of("/proc/self/status");

	private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

	static ProcessStatus read() {
		try {
			long rss = 0;
			long peakRss = 0;
			long anonymous = 0;
			long file = 0;
			for (String line : Files.readAllLines(STATUS)) {
				if (line.startsWith("VmRSS:")) {
					rss = kibibytes(line);
				}
				else if (line.startsWith("VmHWM:")) {
					peakRss = kibibytes(line);
				}
				else if (line.startsWith("RssAnon:")) {
					anonymous = kibibytes(line);
				}
				else if (line.startsWith("RssFile:")) {
					file = kibibytes(line);
				}
			}
			return new ProcessStatus(rss, peakRss, anonymous, file);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + STATUS + " (Linux only)", ex);
		}
	}

	/**
	 * Sets {@code VmHWM} back to the current {@code VmRSS}, so that it measures the peak of
	 * what follows.
	 */
	static void resetPeak() {
		try {
			Files.writeString(CLEAR_REFS, "5");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reset the peak resident set size through " + CLEAR_REFS, ex);
		}
	}

	private static long kibibytes(String line) {
		String value = line.substring(line.indexOf(':') + 1).trim();
		return Long.parseLong(value.substring(0, value.indexOf(' '))) * 1024;
	}

}
