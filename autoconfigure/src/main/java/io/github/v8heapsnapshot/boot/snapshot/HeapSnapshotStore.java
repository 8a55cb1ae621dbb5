package io.github.v8heapsnapshot.boot.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;

/**
 * The stored heap snapshots of a {@link HeapSnapshotDirectory}, each with its descriptor.
 * A snapshot is stored by moving its files from its {@link HeapSnapshotWorkspace} into
 * place, each atomically, the snapshot itself last; it is listed only once both it and
 * its descriptor are in place.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public class HeapSnapshotStore implements InitializingBean {

	private static final Log logger = LogFactory.getLog(HeapSnapshotStore.class);

	private static final Comparator<HeapSnapshotDescriptor> NEWEST_FIRST = Comparator
		.comparing(HeapSnapshotDescriptor::created)
		.thenComparing(HeapSnapshotDescriptor::name)
		.reversed();

	private final HeapSnapshotDirectory directory;

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	/**
	 * Creates a store.
	 * @param directory the directory of the snapshots
	 */
	public HeapSnapshotStore(HeapSnapshotDirectory directory) {
		this.directory = directory;
	}

	/**
	 * Returns the directory of the snapshots.
	 * @return the directory
	 */
	public HeapSnapshotDirectory getDirectory() {
		return this.directory;
	}

	/**
	 * Removes the files that a crashed process left in progress.
	 */
	@Override
	public void afterPropertiesSet() {
		this.directory.removeLeftOvers();
	}

	/**
	 * Stores a converted snapshot under its name: writes its descriptor, then moves the
	 * kept dump, the descriptor and the snapshot into place, each atomically.
	 * @param descriptor the descriptor of the snapshot
	 * @param workspace the workspace of the snapshot, which holds the converted snapshot
	 * @param keepHprof whether to keep the workspace's dump beside the snapshot
	 * @throws IOException if the files cannot be written or moved
	 */
	public void store(HeapSnapshotDescriptor descriptor, HeapSnapshotWorkspace workspace, boolean keepHprof)
			throws IOException {
		String name = descriptor.name();
		Path descriptorFile = this.directory.descriptor(name);
		Path keptHprof = this.directory.keptHprof(name);
		writeDescriptor(workspace.descriptor(), descriptor);
		try {
			if (keepHprof) {
				move(workspace.hprof(), keptHprof);
			}
			move(workspace.descriptor(), descriptorFile);
			this.directory.makeOwnerOnly(workspace.snapshot());
			move(workspace.snapshot(), this.directory.getPath().resolve(name));
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
		this.directory.createOwnerOnlyFile(file);
		try {
			this.jsonMapper.writeValue(file.toFile(), descriptor);
		}
		catch (JacksonException ex) {
			throw new IOException("Failed to write the descriptor of '" + descriptor.name() + "'", ex);
		}
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
		List<HeapSnapshotDescriptor> descriptors = new ArrayList<>();
		for (Path file : this.directory.files()) {
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
			return this.jsonMapper.readValue(this.directory.descriptor(name).toFile(), HeapSnapshotDescriptor.class);
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
		Path file = this.directory.snapshot(name);
		if (file == null || !HeapSnapshotDirectory.isRegularFile(file)
				|| !HeapSnapshotDirectory.isRegularFile(this.directory.descriptor(name))) {
			return null;
		}
		return file;
	}

	/**
	 * Deletes a stored snapshot and its companions (descriptor, kept dump, summary).
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
		for (Path companion : this.directory.companions(name)) {
			Files.deleteIfExists(companion);
		}
		return true;
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
			for (Path file : this.directory.files()) {
				String name = file.getFileName().toString();
				if (snapshotFile(name) != null) {
					count++;
					size += size(name);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Failed to measure the heap snapshots in '" + this.directory.getPath() + "'", ex);
		}
		return new Usage(count, size);
	}

	/**
	 * Returns the bytes a stored snapshot takes with its companions.
	 * @param name a valid snapshot name
	 * @return the size in bytes, 0 if it is gone
	 */
	public long size(String name) {
		long size = sizeOf(this.directory.getPath().resolve(name));
		for (Path companion : this.directory.companions(name)) {
			size += sizeOf(companion);
		}
		return size;
	}

	static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			// Absent (no kept dump, no summary yet) or deleted meanwhile
			return 0;
		}
	}

	/**
	 * How much the stored snapshots take.
	 *
	 * @param count the number of snapshots
	 * @param bytes the bytes of the snapshots and their companions
	 */
	public record Usage(long count, long bytes) {

	}

}
