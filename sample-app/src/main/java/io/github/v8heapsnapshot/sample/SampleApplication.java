package io.github.v8heapsnapshot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application whose heap holds something worth finding: a cache that keeps every
 * {@link LeakySession}, a static registry and a thread that keeps a large buffer alive.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
