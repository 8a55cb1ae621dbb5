package io.github.v8heapsnapshot.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The default directory of an application's snapshots: one per application in the system
 * temp directory, named after {@code spring.application.name} or, without it, after the
 * application's main class or jar and its working directory, which stay the same across
 * restarts. Applications on one host thus never share a directory by accident.
 *
 * @author v8heapsnapshot developers
 */
final class ApplicationStorageDirectory {

	private static final String PREFIX = "v8heapsnapshots-";

	private static final int MAX_NAME_LENGTH = 64;

	private ApplicationStorageDirectory() {
	}

	static Path of(Environment environment) {
		return Path.of(System.getProperty("java.io.tmpdir"), PREFIX + applicationId(environment));
	}

	static String applicationId(Environment environment) {
		String name = environment.getProperty("spring.application.name");
		if (StringUtils.hasText(name)) {
			String safe = name.trim().replaceAll("[^A-Za-z0-9._-]", "-");
			return safe.substring(0, Math.min(safe.length(), MAX_NAME_LENGTH));
		}
		String command = System.getProperty("sun.java.command", "");
		String main = command.isBlank() ? "unknown" : command.split(" ")[0];
		return "app-" + digest(main + '\0' + System.getProperty("user.dir"));
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
