package io.github.v8heapsnapshot.convert;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.v8heapsnapshot.cancel.Cancellation;
import io.github.v8heapsnapshot.cancel.CancelledException;
import io.github.v8heapsnapshot.ids.ObjectIds;

/**
 * Converts an HPROF heap dump, as HotSpot writes it, into a V8 {@code .heapsnapshot} file
 * that Chrome DevTools and memlab load. Memory use is bounded: large indexes live in
 * temporary files. The output appears atomically, complete or not at all.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class HeapSnapshotConverter {

	private final ConversionOptions options;

	/**
	 * Creates a converter.
	 * @param options how to convert
	 */
	public HeapSnapshotConverter(ConversionOptions options) {
		this.options = Objects.requireNonNull(options, "options");
	}

	/**
	 * Converts a dump.
	 * @param hprof the HPROF file to read
	 * @param snapshot the {@code .heapsnapshot} file to write; replaced if it exists
	 * @return what was written
	 * @throws IOException if the input cannot be read or is not a valid HPROF file
	 * ({@code HprofFormatException}), the output cannot be written, or the conversion was
	 * interrupted ({@link CancelledException})
	 */
	public ConversionResult convert(Path hprof, Path snapshot) throws IOException {
		return convert(hprof, snapshot, ConversionListener.NONE, new Cancellation());
	}

	/**
	 * Converts a dump, reporting progress to a listener.
	 * @param hprof the HPROF file to read
	 * @param snapshot the {@code .heapsnapshot} file to write; replaced if it exists
	 * @param listener told of the progress
	 * @param cancellation stops the conversion when cancelled
	 * @return what was written
	 * @throws IOException if the input cannot be read or is not a valid HPROF file
	 * ({@code HprofFormatException}), the output cannot be written, or the conversion was
	 * cancelled or interrupted ({@link CancelledException})
	 * @since 0.2.0
	 */
	public ConversionResult convert(Path hprof, Path snapshot, ConversionListener listener,
			Cancellation cancellation) throws IOException {
		Objects.requireNonNull(listener, "listener");
		Objects.requireNonNull(cancellation, "cancellation");
		Progress progress = new Progress(listener, cancellation);
		progress.check();
		Path target = snapshot.toAbsolutePath();
		Path part = target.resolveSibling("." + target.getFileName() + ".part");
		Path work = Files.createTempDirectory(this.options.tempDirectory(), "v8heapsnapshot-");
		try (FileChannel channel = FileChannel.open(hprof, StandardOpenOption.READ)) {
			ConversionResult result = new Conversion(this.options, progress, work).run(channel, part);
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			return result;
		}
		catch (IOException ex) {
			throw Cancellation.interrupted(ex);
		}
		catch (InternalError ex) {
			throw mappedFileFault(ex);
		}
		finally {
			Files.deleteIfExists(part);
			deleteTree(work);
		}
	}

	/**
	 * Empties an object id table but keeps its next free id, so that later snapshots of
	 * the same JVM number their objects as new without reusing an id: for when no snapshot
	 * that the table describes is kept.
	 * @param table the id table, as given to {@link ConversionOptions#withObjectIds(Path)};
	 * nothing happens if it does not exist
	 * @throws IOException if the file is not an id table or cannot be replaced
	 * @since 0.2.0
	 */
	public static void clearObjectIds(Path table) throws IOException {
		ObjectIds.clear(table);
	}

	// The JVM reports a failed access to a memory-mapped index file, as on a full disk, this way
	private IOException mappedFileFault(InternalError error) {
		String message = error.getMessage();
		if (message == null || !message.contains("unsafe memory access")) {
			throw error;
		}
		return new IOException("Failed to write the index files in '" + this.options.tempDirectory()
				+ "', is the disk full? (" + message + ")", error);
	}

	private static void deleteTree(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(file);
			}
		}
	}

}
