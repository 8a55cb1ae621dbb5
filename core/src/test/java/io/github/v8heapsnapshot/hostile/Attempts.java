package io.github.v8heapsnapshot.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.convert.ConversionOptions;
import io.github.v8heapsnapshot.convert.ConversionResult;
import io.github.v8heapsnapshot.convert.HeapSnapshotConverter;
import io.github.v8heapsnapshot.hprof.HprofFormatException;
import io.github.v8heapsnapshot.testing.SnapshotModel;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Converts inputs, each in a directory of its own with its own directory for the engine's
 * temporary files, and records what came out and what was left behind.
 *
 * @author v8heapsnapshot developers
 */
final class Attempts {

	private final Path directory;

	private int count;

	Attempts(Path directory) {
		this.directory = directory;
	}

	/**
	 * Converts an input with the default options.
	 * @param hprof the input
	 * @return the outcome
	 * @throws IOException if the working directories cannot be made or listed
	 */
	Outcome convert(Path hprof) throws IOException {
		return convert(hprof, ConversionOptions.defaults());
	}

	/**
	 * Converts an input.
	 * @param hprof the input
	 * @param options the options; the temp directory is replaced by a fresh one
	 * @return the outcome
	 * @throws IOException if the working directories cannot be made or listed
	 */
	Outcome convert(Path hprof, ConversionOptions options) throws IOException {
		Path work = Files.createDirectories(this.directory.resolve("attempt-" + (++this.count)));
		Path output = Files.createDirectories(work.resolve("out"));
		Path temp = Files.createDirectories(work.resolve("temp"));
		Path snapshot = output.resolve("dump.heapsnapshot");
		HeapSnapshotConverter converter = new HeapSnapshotConverter(options.withTempDirectory(temp));
		ConversionResult result = null;
		Throwable failure = null;
		long start = System.nanoTime();
		try {
			result = converter.convert(hprof, snapshot);
		}
		catch (Exception | StackOverflowError | OutOfMemoryError ex) {
			failure = ex;
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		List<Path> leftovers = new ArrayList<>(list(temp));
		boolean converted = result != null;
		list(output).stream().filter((file) -> !file.equals(snapshot) || !converted).forEach(leftovers::add);
		return new Outcome(hprof, Files.size(hprof), snapshot, result, failure, leftovers, duration);
	}

	private static List<Path> list(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}

	/**
	 * What converting one input did.
	 *
	 * @param input the input
	 * @param inputLength its length
	 * @param snapshot where the snapshot was to go
	 * @param result the result when it converted
	 * @param failure what was thrown when it did not
	 * @param leftovers files left in the temp directory, and in the output directory other
	 * than a converted snapshot
	 * @param duration how long it took
	 */
	record Outcome(Path input, long inputLength, Path snapshot, @Nullable ConversionResult result,
			@Nullable Throwable failure, List<Path> leftovers, Duration duration) {

		/**
		 * Asserts that the input was refused cleanly: an {@link HprofFormatException} that
		 * names a byte offset within the input, and no file left behind.
		 * @return the exception
		 */
		HprofFormatException rejection() {
			assertInTime();
			assertThat(this.failure).as("conversion of %s", this.input.getFileName())
				.isInstanceOf(HprofFormatException.class);
			HprofFormatException rejection = (HprofFormatException) this.failure;
			assertThat(rejection.offset()).as("offset of: %s", rejection.getMessage())
				.isBetween(0L, this.inputLength);
			assertThat(rejection.getMessage()).contains(Long.toString(rejection.offset()));
			assertThat(this.leftovers).as("files left behind").isEmpty();
			return rejection;
		}

		/**
		 * Asserts that the input was converted into a well-formed snapshot and that no
		 * temporary file was left behind.
		 * @return the snapshot
		 */
		SnapshotModel converted() throws IOException {
			assertInTime();
			assertThat(this.failure).as("failure converting %s", this.input.getFileName()).isNull();
			assertThat(this.leftovers).as("files left behind").isEmpty();
			SnapshotModel file = WellFormedSnapshot.read(this.snapshot);
			assertThat(file.nodeCount()).isEqualTo(this.result.nodeCount());
			assertThat(file.edgeCount()).isEqualTo(this.result.edgeCount());
			return file;
		}

		/**
		 * Asserts that the conversion did not hang: a generous bound of 10 s plus 1 s per
		 * megabyte of input.
		 */
		private void assertInTime() {
			assertThat(this.duration).as("time to convert %d bytes", this.inputLength)
				.isLessThan(Duration.ofSeconds(10 + this.inputLength / 1_000_000));
		}

	}

}
