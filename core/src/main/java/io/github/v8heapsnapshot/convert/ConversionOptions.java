package io.github.v8heapsnapshot.convert;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.layout.ObjectLayout;

/**
 * How to convert: the object layout of the JVM that wrote the dump, how long string values
 * may get, where index files go, what to redact and how many threads to use. Immutable; the {@code with…} methods
 * return modified copies.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class ConversionOptions {

	/**
	 * The default limit on the characters of a string value, as in V8.
	 */
	public static final int DEFAULT_STRING_LIMIT = 1024;

	/**
	 * The most threads a conversion uses, counting the calling thread.
	 */
	public static final int MAX_THREADS = 2;

	private final ObjectLayout layout;

	private final int stringLimit;

	private final Path tempDirectory;

	private final Redaction redaction;

	private final List<Pattern> sensitiveNames;

	private final int threads;

	private final @Nullable Path objectIds;

	private ConversionOptions(ObjectLayout layout, int stringLimit, Path tempDirectory, Redaction redaction,
			List<Pattern> sensitiveNames, int threads, @Nullable Path objectIds) {
		if (stringLimit < 1) {
			throw new IllegalArgumentException("String limit must be positive, was " + stringLimit);
		}
		if (threads < 1) {
			throw new IllegalArgumentException("Threads must be positive, was " + threads);
		}
		this.threads = threads;
		this.layout = Objects.requireNonNull(layout, "layout");
		this.stringLimit = stringLimit;
		this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
		this.redaction = Objects.requireNonNull(redaction, "redaction");
		this.sensitiveNames = List.copyOf(sensitiveNames);
		this.objectIds = objectIds;
	}

	/**
	 * Returns the defaults: the layout of a default JDK 17, strings up to
	 * {@value #DEFAULT_STRING_LIMIT} characters, index files in {@code java.io.tmpdir}, no
	 * redaction, and a second thread when more than one processor is available.
	 * @return the default options
	 */
	public static ConversionOptions defaults() {
		return new ConversionOptions(ObjectLayout.defaults(17), DEFAULT_STRING_LIMIT,
				Path.of(System.getProperty("java.io.tmpdir")), Redaction.NONE, List.of(),
				Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()), null);
	}

	/**
	 * Returns a copy with another object layout.
	 * @param layout the layout of the JVM that wrote the dump
	 * @return the modified copy
	 */
	public ConversionOptions withLayout(ObjectLayout layout) {
		return new ConversionOptions(layout, this.stringLimit, this.tempDirectory, this.redaction, this.sensitiveNames,
				this.threads, this.objectIds);
	}

	/**
	 * Returns a copy with another string limit.
	 * @param stringLimit the most characters of a string value kept in a node name
	 * @return the modified copy
	 */
	public ConversionOptions withStringLimit(int stringLimit) {
		return new ConversionOptions(this.layout, stringLimit, this.tempDirectory, this.redaction, this.sensitiveNames,
				this.threads, this.objectIds);
	}

	/**
	 * Returns a copy with another directory for the temporary index files.
	 * @param tempDirectory an existing, writable directory
	 * @return the modified copy
	 */
	public ConversionOptions withTempDirectory(Path tempDirectory) {
		return new ConversionOptions(this.layout, this.stringLimit, tempDirectory, this.redaction, this.sensitiveNames,
				this.threads, this.objectIds);
	}

	/**
	 * Returns a copy with another redaction.
	 * @param redaction what to hide
	 * @param sensitiveNames patterns of field, key or property names, beyond the built-in
	 * ones, whose string values {@link Redaction#SECRETS} masks
	 * @return the modified copy
	 */
	public ConversionOptions withRedaction(Redaction redaction, List<Pattern> sensitiveNames) {
		return new ConversionOptions(this.layout, this.stringLimit, this.tempDirectory, redaction, sensitiveNames,
				this.threads, this.objectIds);
	}

	/**
	 * Returns a copy that uses at most the given number of threads, counting the calling
	 * thread: with 1, every pass runs in the calling thread only.
	 * @param threads the most threads to use, at least 1 (more than {@value #MAX_THREADS}
	 * make no difference)
	 * @return the modified copy
	 */
	public ConversionOptions withThreads(int threads) {
		return new ConversionOptions(this.layout, this.stringLimit, this.tempDirectory, this.redaction,
				this.sensitiveNames, threads, this.objectIds);
	}

	/**
	 * Returns a copy that continues the object ids of the earlier snapshots of the same JVM
	 * through an id table file, so that an object keeps its id from one snapshot to the next
	 * (see {@link io.github.v8heapsnapshot.ids.ObjectIds}). The table is read if it exists
	 * and replaced once the snapshot is complete; a conversion that fails leaves it as it
	 * was.
	 * @param objectIds the id table, or {@code null} to number the nodes of each snapshot
	 * from scratch
	 * @return the modified copy
	 */
	public ConversionOptions withObjectIds(@Nullable Path objectIds) {
		return new ConversionOptions(this.layout, this.stringLimit, this.tempDirectory, this.redaction,
				this.sensitiveNames, this.threads, objectIds);
	}

	/**
	 * Returns the object layout of the JVM that wrote the dump.
	 * @return the layout
	 */
	public ObjectLayout layout() {
		return this.layout;
	}

	/**
	 * Returns the most characters of a string value kept in a node name.
	 * @return the string limit
	 */
	public int stringLimit() {
		return this.stringLimit;
	}

	/**
	 * Returns the directory for temporary index files.
	 * @return the temp directory
	 */
	public Path tempDirectory() {
		return this.tempDirectory;
	}

	/**
	 * Returns what to hide of string values.
	 * @return the redaction
	 */
	public Redaction redaction() {
		return this.redaction;
	}

	/**
	 * Returns the user's patterns of sensitive names, beyond the built-in ones.
	 * @return the patterns
	 */
	public List<Pattern> sensitiveNames() {
		return this.sensitiveNames;
	}

	/**
	 * Returns the most threads the conversion uses, counting the calling thread.
	 * @return the thread limit
	 */
	public int threads() {
		return this.threads;
	}

	/**
	 * Returns the id table that continues the ids of earlier snapshots.
	 * @return the table, or {@code null} if each snapshot numbers its nodes from scratch
	 */
	public @Nullable Path objectIds() {
		return this.objectIds;
	}

}
