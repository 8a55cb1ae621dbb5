package io.github.v8heapsnapshot.sample.admin;

import de.codecentric.boot.admin.server.config.EnableAdminServer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot Admin server with the heap snapshots view on its classpath, for the sample
 * application to register with (its {@code admin} profile).
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@SpringBootApplication
@EnableAdminServer
public class SampleAdminApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleAdminApplication.class, args);
	}

}
