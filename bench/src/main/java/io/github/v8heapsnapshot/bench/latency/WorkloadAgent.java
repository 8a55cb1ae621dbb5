package io.github.v8heapsnapshot.bench.latency;

import java.lang.instrument.Instrumentation;

import org.jspecify.annotations.Nullable;

import io.github.v8heapsnapshot.bench.Workload;

/**
 * A Java agent that gives an unchanged application a heap worth measuring: it builds the
 * benchmark's {@link Workload} of the given number of items before {@code main} and keeps
 * it alive ({@code -javaagent:v8heapsnapshot-bench.jar=2000000}).
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
public final class WorkloadAgent {

	private static volatile @Nullable Workload workload;

	private WorkloadAgent() {
	}

	/**
	 * Builds the workload.
	 * @param arguments the number of items
	 * @param instrumentation unused
	 */
	public static void premain(String arguments, Instrumentation instrumentation) {
		Workload built = Workload.build(Integer.parseInt(arguments));
		workload = built;
		System.out.printf("Workload of %,d items built%n", built.size());
	}

}
