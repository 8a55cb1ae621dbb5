package io.github.v8heapsnapshot.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code AutoConfiguration.imports} file, with the rules Spring Boot checks
 * for its own auto-configurations.
 *
 * @author v8heapsnapshot developers
 */
class AutoConfigurationImportsTests {

	@Test
	void importsAreSortedAndComplete() throws IOException {
		List<String> imports = imports();
		assertThat(imports).isSorted()
			.containsExactly(V8HeapSnapshotAutoConfiguration.class.getName(),
					V8HeapSnapshotEndpointAutoConfiguration.class.getName(),
					"io.github.v8heapsnapshot.boot.autoconfigure.metrics.V8HeapSnapshotMetricsAutoConfiguration",
					"io.github.v8heapsnapshot.boot.autoconfigure.pressure.V8HeapSnapshotPressureAutoConfiguration",
					"io.github.v8heapsnapshot.boot.autoconfigure.scheduling.V8HeapSnapshotSchedulingAutoConfiguration");
	}

	@Test
	void autoConfigurationsArePublicFinalWithPackagePrivateBeanMethods() throws Exception {
		for (String name : imports()) {
			Class<?> type = Class.forName(name);
			assertThat(type.getSimpleName()).endsWith("AutoConfiguration");
			assertThat(type).isPublic().isFinal().hasAnnotation(AutoConfiguration.class);
			for (Method method : type.getDeclaredMethods()) {
				if (method.isAnnotationPresent(Bean.class)) {
					assertThat(Modifier.isPublic(method.getModifiers())).as(method.toString()).isFalse();
				}
			}
		}
	}

	private static List<String> imports() throws IOException {
		try (InputStream in = AutoConfigurationImportsTests.class.getResourceAsStream(
				"/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(in).isNotNull();
			return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.toList();
		}
	}

}
