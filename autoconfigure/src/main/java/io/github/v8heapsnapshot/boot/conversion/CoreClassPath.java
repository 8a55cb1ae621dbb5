package io.github.v8heapsnapshot.boot.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import io.github.v8heapsnapshot.cli.HeapSnapshotCommand;
import org.jspecify.annotations.Nullable;

/**
 * The class path of a child JVM that runs the converter: the core jar or classes
 * directory, or, when the core jar is nested in an executable jar (Spring Boot's
 * {@code BOOT-INF/lib}), a copy of it extracted once per process to the temp directory.
 *
 * @author v8heapsnapshot developers
 */
final class CoreClassPath {

	private static @Nullable Path extracted;

	private CoreClassPath() {
	}

	static synchronized Path get() {
		URL location = HeapSnapshotCommand.class.getProtectionDomain().getCodeSource().getLocation();
		try {
			if ("file".equals(location.getProtocol())) {
				return Path.of(location.toURI());
			}
			if (extracted == null) {
				extracted = extract(location);
			}
			return extracted;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate the v8heapsnapshot-core classes at " + location, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract the v8heapsnapshot-core classes from " + location, ex);
		}
	}

	private static Path extract(URL location) throws IOException {
		URLConnection connection = location.openConnection();
		if (!(connection instanceof JarURLConnection jar)) {
			throw new IOException("Not a jar: " + location);
		}
		// A fresh JarFile rather than the class loader's cached one, so that closing it is safe
		jar.setUseCaches(false);
		Path target = Files.createTempFile("v8heapsnapshot-core-", ".jar");
		target.toFile().deleteOnExit();
		try (JarFile source = jar.getJarFile(); JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
			for (JarEntry entry : Collections.list(source.entries())) {
				if (!entry.isDirectory()) {
					out.putNextEntry(new JarEntry(entry.getName()));
					try (InputStream in = source.getInputStream(entry)) {
						in.transferTo(out);
					}
					out.closeEntry();
				}
			}
		}
		return target;
	}

}
