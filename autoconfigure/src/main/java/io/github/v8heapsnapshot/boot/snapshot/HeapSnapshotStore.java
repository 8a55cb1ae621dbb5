package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;
import org.springframework.util.FileSystemUtils;

/**
 * The directory that holds heap snapshots, each with its descriptor ({@code <name>.json})
 * and optionally the HPROF dump it came from ({@code <stem>.hprof}). A snapshot in
 * progress is dumped to a hidden file ({@code .<stem>.hprof}) and converted in a hidden
 * work directory ({@code .<stem>.work}), both readable by the owner only, from which its
 * files are moved into place atomically; a snapshot is listed only once both it and its
 * descriptor are in place. Names from outside are checked against
 * {@link HeapSnapshotNames#isValid} before any path is built.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotStore implements InitializingBean {

	private static final Log logger = LogFactory.getLog(HeapSnapshotStore.class);

	private static final String DESCRIPTOR_SUFFIX = ".json";

	private static final String HPROF_SUFFIX = ".hprof";

	private static final String WORK_SUFFIX = ".work";

	private static final String INDEX_SUFFIX = ".index";

	private static final List<String> TEMPORARY_SUFFIXES = List.of(DESCRIPTOR_SUFFIX, HPROF_SUFFIX, WORK_SUFFIX,
			INDEX_SUFFIX);

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Comparator<HeapSnapshotDescriptor> NEWEST_FIRST = Comparator
		.comparing(HeapSnapshotDescriptor::created)
		.thenComparing(HeapSnapshotDescriptor::name)
		.reversed();

	private final Path directory;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final Clock clock;

	private @Nullable Path temporaryDirectory;

	private int maxCount = 5;

	private long maxTotalSize = 10L * 1024 * 1024 * 1024;

	private Duration maxAge = Duration.ofDays(7);

	/**
	 * Creates a store.
	 * @param directory the directory of the snapshots, created when the first snapshot is
	 * stored
	 */
	public HeapSnapshotStore(Path directory) {
		this(directory, Clock.systemDefaultZone());
	}

	/**
	 * Creates a store.
	 * @param directory the directory of the snapshots, created when the first snapshot is
	 * stored
	 * @param clock the clock that retention measures ages with
	 */
	public HeapSnapshotStore(Path directory, Clock clock) {
		this.directory = directory.toAbsolutePath().normalize();
		this.clock = clock;
	}

	/**
	 * Sets the most snapshots to keep.
	 * @param maxCount the count, at least 1
	 */
	public void setMaxCount(int maxCount) {
		Assert.isTrue(maxCount > 0, "'maxCount' must be positive");
		this.maxCount = maxCount;
	}

	/**
	 * Sets the most bytes that the snapshots, their descriptors and kept dumps may take
	 * together. The newest snapshot is always kept.
	 * @param maxTotalSize the size in bytes
	 */
	public void setMaxTotalSize(long maxTotalSize) {
		this.maxTotalSize = maxTotalSize;
	}

	/**
	 * Sets the age after which snapshots are deleted. The newest snapshot is always kept.
	 * @param maxAge the age
	 */
	public void setMaxAge(Duration maxAge) {
		this.maxAge = maxAge;
	}

	/**
	 * Sets the directory in which the converter keeps its index files while it works.
	 * @param temporaryDirectory the directory, or {@code null} for the directory of the
	 * snapshots
	 */
	public void setTemporaryDirectory(@Nullable Path temporaryDirectory) {
		this.temporaryDirectory = (temporaryDirectory != null) ? temporaryDirectory.toAbsolutePath().normalize()
				: null;
	}

	/**
	 * Returns the directory of the snapshots.
	 * @return the absolute directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

	/**
	 * Removes the files that a crashed process left in progress.
	 */
	@Override
	public void afterPropertiesSet() {
		try {
			removeTemporaryFiles();
		}
		catch (IOException ex) {
			logger.warn("Failed to remove temporary heap snapshot files from '" + this.directory + "'", ex);
		}
	}

	/**
	 * Removes the work and index directories of snapshots in progress, and the
	 * descriptors and dumps without a snapshot, that were left by processes that no longer
	 * run.
	 * @throws IOException if a directory cannot be read
	 */
	public void removeTemporaryFiles() throws IOException {
		removeLeftOvers(this.directory);
		if (this.temporaryDirectory != null && !this.temporaryDirectory.equals(this.directory)) {
			removeLeftOvers(this.temporaryDirectory);
		}
	}

	private void removeLeftOvers(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		for (Path file : files(directory)) {
			String fileName = file.getFileName().toString();
			String name = snapshotNameOf(fileName);
			if (name != null && isLeftOver(fileName, name)) {
				logger.info("Deleting left-over heap snapshot file '" + file + "'");
				FileSystemUtils.deleteRecursively(file);
			}
		}
	}

	private boolean isLeftOver(String fileName, String name) {
		long pid = HeapSnapshotNames.pid(name);
		if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isPresent()) {
			return false;
		}
		if (fileName.startsWith(".")) {
			return true;
		}
		boolean companion = fileName.endsWith(DESCRIPTOR_SUFFIX) || fileName.endsWith(HPROF_SUFFIX);
		return companion && !Files.exists(this.directory.resolve(name));
	}

	private static @Nullable String snapshotNameOf(String fileName) {
		String name = fileName;
		while (name.startsWith(".")) {
			name = name.substring(1);
		}
		for (String suffix : TEMPORARY_SUFFIXES) {
			if (name.endsWith(suffix)) {
				name = name.substring(0, name.length() - suffix.length());
			}
		}
		if (!name.endsWith(HeapSnapshotNames.SUFFIX)) {
			name = name + HeapSnapshotNames.SUFFIX;
		}
		return HeapSnapshotNames.isValid(name) ? name : null;
	}

	/**
	 * Creates the directory, readable by its owner only where the file system supports
	 * it, if it does not exist.
	 * @throws IOException if the directory cannot be created
	 */
	public void createDirectory() throws IOException {
		if (Files.isDirectory(this.directory)) {
			return;
		}
		if (isPosix()) {
			Files.createDirectories(this.directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
		}
		else {
			Files.createDirectories(this.directory);
		}
	}

	/**
	 * Creates the hidden work directory of a snapshot in progress, readable by the owner
	 * only, in which the snapshot and its descriptor are written.
	 * @param name the snapshot name
	 * @return the new directory
	 * @throws IOException if the directory cannot be created
	 */
	public Path createWorkDirectory(String name) throws IOException {
		return createOwnerOnlyDirectory(this.directory, "." + HeapSnapshotNames.stem(name) + WORK_SUFFIX);
	}

	/**
	 * Creates the hidden directory, readable by the owner only, in which the converter
	 * keeps its index files while it converts a snapshot: in the temporary directory if
	 * one is set, else in the directory of the snapshots.
	 * @param name the snapshot name
	 * @return the new directory
	 * @throws IOException if the directory cannot be created
	 */
	public Path createIndexDirectory(String name) throws IOException {
		Path root = (this.temporaryDirectory != null) ? this.temporaryDirectory : this.directory;
		Files.createDirectories(root);
		return createOwnerOnlyDirectory(root, "." + HeapSnapshotNames.stem(name) + INDEX_SUFFIX);
	}

	private Path createOwnerOnlyDirectory(Path parent, String name) throws IOException {
		Path directory = parent.resolve(name);
		if (isPosix()) {
			return Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
		}
		return Files.createDirectory(directory);
	}

	/**
	 * Returns the hidden file that a snapshot's HPROF dump is written to. The JVM creates
	 * it readable by its owner only.
	 * @param name the snapshot name
	 * @return the file
	 */
	public Path temporaryHprof(String name) {
		return this.directory.resolve("." + HeapSnapshotNames.stem(name) + HPROF_SUFFIX);
	}

	/**
	 * Stores a converted snapshot under its name: writes its descriptor, then moves the
	 * kept dump, the descriptor and the snapshot into place, each atomically.
	 * @param descriptor the descriptor of the snapshot
	 * @param work the work directory of the snapshot, which holds the converted snapshot
	 * under its name
	 * @param keepHprof whether to keep the dump, from {@link #temporaryHprof}, beside the
	 * snapshot
	 * @throws IOException if the files cannot be written or moved
	 */
	public void store(HeapSnapshotDescriptor descriptor, Path work, boolean keepHprof) throws IOException {
		String name = descriptor.name();
		Path target = this.directory.resolve(name);
		Path descriptorFile = descriptorFile(name);
		Path temporaryDescriptor = work.resolve(name + DESCRIPTOR_SUFFIX);
		Path keptHprof = this.directory.resolve(HeapSnapshotNames.stem(name) + HPROF_SUFFIX);
		writeDescriptor(temporaryDescriptor, descriptor);
		try {
			if (keepHprof) {
				move(temporaryHprof(name), keptHprof);
			}
			move(temporaryDescriptor, descriptorFile);
			Path snapshot = work.resolve(name);
			ownerOnly(snapshot);
			move(snapshot, target);
		}
		catch (IOException ex) {
			Files.deleteIfExists(descriptorFile);
			if (keepHprof) {
				Files.deleteIfExists(keptHprof);
			}
			throw ex;
		}
	}

	private void writeDescriptor(Path file, HeapSnapshotDescriptor descriptor) throws IOException {
		if (isPosix()) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		}
		try {
			this.jsonMapper.writeValue(file.toFile(), descriptor);
		}
		catch (JacksonException ex) {
			throw new IOException("Failed to write the descriptor of '" + descriptor.name() + "'", ex);
		}
	}

	private void ownerOnly(Path file) throws IOException {
		if (isPosix()) {
			Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
		}
	}

	private boolean isPosix() {
		return this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static void move(Path source, Path target) throws IOException {
		Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Returns the descriptors of the stored snapshots, newest first.
	 * @return the descriptors
	 * @throws IOException if the directory cannot be read
	 */
	public List<HeapSnapshotDescriptor> list() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return List.of();
		}
		List<HeapSnapshotDescriptor> descriptors = new ArrayList<>();
		for (Path file : files(this.directory)) {
			HeapSnapshotDescriptor descriptor = descriptor(file.getFileName().toString());
			if (descriptor != null) {
				descriptors.add(descriptor);
			}
		}
		descriptors.sort(NEWEST_FIRST);
		return descriptors;
	}

	/**
	 * Returns the descriptor of a stored snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the descriptor, or {@code null} if there is no complete snapshot of that
	 * name
	 */
	public @Nullable HeapSnapshotDescriptor descriptor(String name) {
		if (snapshotFile(name) == null) {
			return null;
		}
		try {
			return this.jsonMapper.readValue(descriptorFile(name).toFile(), HeapSnapshotDescriptor.class);
		}
		catch (JacksonException ex) {
			logger.debug("Ignoring heap snapshot '" + name + "' with an unreadable descriptor", ex);
			return null;
		}
	}

	/**
	 * Returns the file of a stored snapshot.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the regular file, or {@code null} if the name is not a snapshot name, or
	 * there is no complete snapshot of that name, or it is a symbolic link
	 */
	public @Nullable Path snapshotFile(String name) {
		if (!HeapSnapshotNames.isValid(name)) {
			return null;
		}
		Path file = this.directory.resolve(name).normalize();
		if (!file.startsWith(this.directory) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
				|| !Files.isRegularFile(descriptorFile(name), LinkOption.NOFOLLOW_LINKS)) {
			return null;
		}
		return file;
	}

	/**
	 * Deletes a stored snapshot, its descriptor and its kept dump.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return whether a snapshot of that name existed
	 * @throws IOException if the files cannot be deleted
	 */
	public boolean delete(String name) throws IOException {
		Path file = snapshotFile(name);
		if (file == null) {
			return false;
		}
		Files.deleteIfExists(file);
		Files.deleteIfExists(this.directory.resolve(HeapSnapshotNames.stem(name) + HPROF_SUFFIX));
		Files.deleteIfExists(descriptorFile(name));
		return true;
	}

	/**
	 * Deletes the oldest snapshots until the rest are within the maximum count, total
	 * size and age. The newest snapshot is always kept.
	 * @throws IOException if the directory cannot be read or a file deleted
	 */
	public void applyRetention() throws IOException {
		List<HeapSnapshotDescriptor> descriptors = list();
		Instant oldest = this.clock.instant().minus(this.maxAge);
		long totalSize = 0;
		for (int i = 0; i < descriptors.size(); i++) {
			HeapSnapshotDescriptor descriptor = descriptors.get(i);
			totalSize += size(descriptor.name());
			boolean keep = i == 0 || (i < this.maxCount && totalSize <= this.maxTotalSize
					&& !descriptor.created().isBefore(oldest));
			if (!keep) {
				logger.debug("Deleting heap snapshot '" + descriptor.name() + "' to keep within the retention limits");
				delete(descriptor.name());
			}
		}
	}

	/**
	 * Returns the number and total size of the stored snapshots, without reading their
	 * descriptors.
	 * @return the usage
	 */
	public Usage usage() {
		long count = 0;
		long size = 0;
		try {
			if (Files.isDirectory(this.directory)) {
				for (Path file : files(this.directory)) {
					String name = file.getFileName().toString();
					if (snapshotFile(name) != null) {
						count++;
						size += size(name);
					}
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Failed to measure the heap snapshots in '" + this.directory + "'", ex);
		}
		return new Usage(count, size);
	}

	private long size(String name) {
		long size = 0;
		for (Path file : List.of(this.directory.resolve(name), descriptorFile(name),
				this.directory.resolve(HeapSnapshotNames.stem(name) + HPROF_SUFFIX))) {
			try {
				size += Files.size(file);
			}
			catch (IOException ex) {
				// Absent (no kept dump) or deleted meanwhile
			}
		}
		return size;
	}

	private Path descriptorFile(String name) {
		return this.directory.resolve(name + DESCRIPTOR_SUFFIX);
	}

	private static List<Path> files(Path directory) throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			stream.forEach(files::add);
		}
		return files;
	}

	/**
	 * How much the stored snapshots take.
	 *
	 * @param count the number of snapshots
	 * @param bytes the bytes of the snapshots, their descriptors and kept dumps
	 */
	public record Usage(long count, long bytes) {

	}

}
