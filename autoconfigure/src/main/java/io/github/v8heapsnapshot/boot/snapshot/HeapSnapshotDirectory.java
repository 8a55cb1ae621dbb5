package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * The directory of the heap snapshots: owns the path of every file a snapshot has, and
 * creates them readable by the owner only where the file system supports POSIX
 * permissions. A stored snapshot {@code <name>} has its descriptor {@code <name>.json},
 * optionally its HPROF dump {@code <stem>.hprof} and its summary
 * {@code <stem>.summary.json}; a snapshot in progress has hidden files only (see
 * {@link HeapSnapshotWorkspace}). Names from outside are checked against
 * {@link HeapSnapshotNames#isValid} before any path is built.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public class HeapSnapshotDirectory {

	private static final Log logger = LogFactory.getLog(HeapSnapshotDirectory.class);

	static final String DESCRIPTOR_SUFFIX = ".json";

	static final String HPROF_SUFFIX = ".hprof";

	static final String SUMMARY_SUFFIX = ".summary.json";

	static final String WORK_SUFFIX = ".work";

	static final String INDEX_SUFFIX = ".index";

	static final String SCRATCH_SUFFIX = ".scratch";

	/**
	 * The file in a work directory that its process keeps locked while the snapshot is in
	 * progress: a lock the operating system releases when the process dies, however it
	 * dies, so that a live owner is told from a dead one even where process ids repeat.
	 */
	static final String OWNER_LOCK = ".owner.lock";

	/**
	 * How long a work directory without its lock yet is taken for one being created.
	 */
	private static final Duration CREATION = Duration.ofSeconds(30);

	private static final List<String> COMPANION_SUFFIXES = List.of(SUMMARY_SUFFIX, DESCRIPTOR_SUFFIX, HPROF_SUFFIX);

	private static final List<String> TEMPORARY_SUFFIXES = List.of(SUMMARY_SUFFIX, DESCRIPTOR_SUFFIX, HPROF_SUFFIX,
			WORK_SUFFIX, INDEX_SUFFIX, SCRATCH_SUFFIX);

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private final Path path;

	private final Path temporaryDirectory;

	/**
	 * Creates a directory whose converter index files are kept in the directory itself.
	 * @param path the directory, created when the first snapshot is taken
	 */
	public HeapSnapshotDirectory(Path path) {
		this(path, null);
	}

	/**
	 * Creates a directory.
	 * @param path the directory, created when the first snapshot is taken
	 * @param temporaryDirectory the directory in which the converter keeps its index
	 * files while it works, or {@code null} for the directory itself
	 */
	public HeapSnapshotDirectory(Path path, @Nullable Path temporaryDirectory) {
		this.path = path.toAbsolutePath().normalize();
		this.temporaryDirectory = (temporaryDirectory != null) ? temporaryDirectory.toAbsolutePath().normalize()
				: this.path;
	}

	/**
	 * Returns the directory.
	 * @return the absolute directory
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Returns the directory in which the converter keeps its index files.
	 * @return the absolute directory
	 */
	public Path getTemporaryDirectory() {
		return this.temporaryDirectory;
	}

	/**
	 * Creates the directory, readable by its owner only, if it does not exist.
	 * @throws IOException if the directory cannot be created
	 */
	public void create() throws IOException {
		if (!Files.isDirectory(this.path)) {
			createDirectories(this.path);
		}
	}

	/**
	 * Creates the hidden, owner-only files of a snapshot in progress.
	 * @param name the name of the new snapshot
	 * @return the workspace, to be closed when the snapshot is stored or has failed
	 * @throws IOException if the directories cannot be created
	 */
	public HeapSnapshotWorkspace createWorkspace(String name) throws IOException {
		create();
		String hidden = "." + HeapSnapshotNames.stem(name);
		Path work = createOwnerOnlyDirectory(this.path.resolve(hidden + WORK_SUFFIX));
		FileChannel owner = null;
		try {
			owner = FileChannel.open(createOwnerOnlyFile(work.resolve(OWNER_LOCK)), StandardOpenOption.WRITE);
			owner.lock();
			Files.createDirectories(this.temporaryDirectory);
			Path index = createOwnerOnlyDirectory(this.temporaryDirectory.resolve(hidden + INDEX_SUFFIX));
			return new HeapSnapshotWorkspace(name, this.path.resolve(hidden + HPROF_SUFFIX), work, index, owner);
		}
		catch (IOException | RuntimeException ex) {
			if (owner != null) {
				owner.close();
			}
			FileSystemUtils.deleteRecursively(work);
			throw ex;
		}
	}

	/**
	 * Creates the hidden, owner-only directory for the scratch files of work on a stored
	 * snapshot, such as its summary, in the temporary directory.
	 * @param name the name of the snapshot
	 * @return the new directory, to be deleted by the caller
	 * @throws IOException if the directory cannot be created
	 */
	public Path createScratchDirectory(String name) throws IOException {
		createDirectories(this.temporaryDirectory);
		return createOwnerOnlyDirectory(
				this.temporaryDirectory.resolve("." + HeapSnapshotNames.stem(name) + SCRATCH_SUFFIX));
	}

	/**
	 * Returns the file of a snapshot, whether it exists or not.
	 * @param name the name of the snapshot, possibly not a valid one
	 * @return the file in this directory, or {@code null} if the name is not a snapshot
	 * name
	 */
	public @Nullable Path snapshot(String name) {
		if (!HeapSnapshotNames.isValid(name)) {
			return null;
		}
		Path file = this.path.resolve(name).normalize();
		return file.startsWith(this.path) ? file : null;
	}

	/**
	 * Returns the descriptor file of a snapshot.
	 * @param name a valid snapshot name
	 * @return the file
	 */
	public Path descriptor(String name) {
		return this.path.resolve(name + DESCRIPTOR_SUFFIX);
	}

	/**
	 * Returns the file of the HPROF dump kept beside a snapshot.
	 * @param name a valid snapshot name
	 * @return the file
	 */
	public Path keptHprof(String name) {
		return this.path.resolve(HeapSnapshotNames.stem(name) + HPROF_SUFFIX);
	}

	/**
	 * Returns the summary file of a snapshot.
	 * @param name a valid snapshot name
	 * @return the file
	 */
	public Path summary(String name) {
		return this.path.resolve(HeapSnapshotNames.stem(name) + SUMMARY_SUFFIX);
	}

	/**
	 * Returns the files that a stored snapshot has besides itself, whether they exist or
	 * not.
	 * @param name a valid snapshot name
	 * @return the descriptor, the kept dump and the summary
	 */
	public List<Path> companions(String name) {
		return List.of(descriptor(name), keptHprof(name), summary(name));
	}

	/**
	 * Returns whether a file is a regular file, not a symbolic link.
	 * @param file the file
	 * @return {@code true} if it is a regular file
	 */
	public static boolean isRegularFile(Path file) {
		return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
	}

	/**
	 * Creates an empty file readable by the owner only.
	 * @param file the file, which must not exist
	 * @return the file
	 * @throws IOException if the file cannot be created
	 */
	public Path createOwnerOnlyFile(Path file) throws IOException {
		if (isPosix()) {
			return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
		}
		return Files.createFile(file);
	}

	/**
	 * Makes an existing file readable by the owner only.
	 * @param file the file
	 * @throws IOException if its permissions cannot be set
	 */
	public void makeOwnerOnly(Path file) throws IOException {
		if (isPosix()) {
			Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
		}
	}

	/**
	 * Returns the files in the directory, none if it does not exist.
	 * @return the files
	 * @throws IOException if the directory cannot be read
	 */
	public List<Path> files() throws IOException {
		return files(this.path);
	}

	/**
	 * Removes the files in progress, and the companions without a snapshot, that were
	 * left by processes that no longer run, for example one killed during a snapshot. The
	 * files of a snapshot whose owner still holds its lock are kept, whichever process
	 * that is.
	 */
	public void removeLeftOvers() {
		removeLeftOvers(this.path);
		if (!this.temporaryDirectory.equals(this.path)) {
			removeLeftOvers(this.temporaryDirectory);
		}
	}

	private void removeLeftOvers(Path directory) {
		try {
			for (Path file : files(directory)) {
				String fileName = file.getFileName().toString();
				String name = snapshotNameOf(fileName);
				if (name != null && isLeftOver(fileName, name)) {
					logger.info("Deleting left-over heap snapshot file '" + file + "'");
					FileSystemUtils.deleteRecursively(file);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Failed to remove temporary heap snapshot files from '" + directory + "'", ex);
		}
	}

	private boolean isLeftOver(String fileName, String name) {
		if (isInProgress(name)) {
			return false;
		}
		if (fileName.startsWith(".")) {
			return true;
		}
		boolean companion = COMPANION_SUFFIXES.stream().anyMatch(fileName::endsWith);
		return companion && !Files.exists(this.path.resolve(name));
	}

	/**
	 * Returns whether a live process is taking a snapshot: it holds the lock in the work
	 * directory, or has just created that directory and not yet its lock.
	 * @param name a valid snapshot name
	 * @return {@code true} if the snapshot is in progress
	 */
	private boolean isInProgress(String name) {
		Path work = this.path.resolve("." + HeapSnapshotNames.stem(name) + WORK_SUFFIX);
		Path lock = work.resolve(OWNER_LOCK);
		try {
			if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
				return Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS) && Files.getLastModifiedTime(work)
					.toInstant()
					.isAfter(Instant.now().minus(CREATION));
			}
			try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
					FileLock free = channel.tryLock()) {
				return free == null;
			}
		}
		catch (OverlappingFileLockException ex) {
			// Held by this JVM
			return true;
		}
		catch (IOException ex) {
			// Gone meanwhile, or unreadable: not this process's to delete either way
			return Files.exists(work, LinkOption.NOFOLLOW_LINKS);
		}
	}

	private static @Nullable String snapshotNameOf(String fileName) {
		String name = fileName;
		while (name.startsWith(".")) {
			name = name.substring(1);
		}
		for (String suffix : TEMPORARY_SUFFIXES) {
			if (name.endsWith(suffix)) {
				name = name.substring(0, name.length() - suffix.length());
				break;
			}
		}
		if (!name.endsWith(HeapSnapshotNames.SUFFIX)) {
			name = name + HeapSnapshotNames.SUFFIX;
		}
		return HeapSnapshotNames.isValid(name) ? name : null;
	}

	private void createDirectories(Path directory) throws IOException {
		if (isPosix()) {
			Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
		}
		else {
			Files.createDirectories(directory);
		}
	}

	private Path createOwnerOnlyDirectory(Path directory) throws IOException {
		if (isPosix()) {
			return Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
		}
		return Files.createDirectory(directory);
	}

	private boolean isPosix() {
		return this.path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static List<Path> files(Path directory) throws IOException {
		List<Path> files = new ArrayList<>();
		if (!Files.isDirectory(directory)) {
			return files;
		}
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
			stream.forEach(files::add);
		}
		return files;
	}

}
