package io.github.v8heapsnapshot.boot.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.sun.security.auth.module.UnixSystem;

/**
 * A {@code tmpfs} mounted for a test, whose size can change while it is in use, to run
 * out of disk space at a chosen moment. Mounting needs root.
 *
 * @author v8heapsnapshot developers
 */
final class Tmpfs {

	private final Path directory;

	private Tmpfs(Path directory) {
		this.directory = directory;
	}

	static boolean canMount() {
		return new UnixSystem().getUid() == 0;
	}

	/**
	 * Mounts a new {@code tmpfs}.
	 * @param megabytes its size
	 * @return the mounted file system
	 */
	static Tmpfs mount(long megabytes) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("v8heapsnapshot-tmpfs");
		run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=700", "tmpfs", directory.toString());
		return new Tmpfs(directory);
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Shrinks or grows the file system so that only the given bytes are free.
	 * @param bytes the free bytes to leave
	 */
	void leaveFree(long bytes) throws IOException, InterruptedException {
		long used = Files.getFileStore(this.directory).getTotalSpace()
				- Files.getFileStore(this.directory).getUnallocatedSpace();
		resize(used + bytes);
	}

	void resize(long bytes) throws IOException, InterruptedException {
		long kilobytes = Math.max(4, (bytes + 1023) / 1024);
		run("mount", "-o", "remount,size=" + kilobytes + "k", this.directory.toString());
	}

	void unmount() throws IOException, InterruptedException {
		// Lazily: the test's application context, cached until the JVM ends, still holds the
		// object id table's lock there
		run("umount", "--lazy", this.directory.toString());
		Files.delete(this.directory);
	}

	private static void run(String... command) throws IOException, InterruptedException {
		List<String> arguments = new ArrayList<>(List.of(command));
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output);
		}
	}

}
