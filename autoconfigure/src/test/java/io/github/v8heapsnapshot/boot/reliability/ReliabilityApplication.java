package io.github.v8heapsnapshot.boot.reliability;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application the reliability tests snapshot, in the test JVM or in a child JVM: it
 * keeps known secrets, with {@code reliability.ballast-percent} fills its heap, and with
 * {@code reliability.leak-share} leaks once started until that share of its heap is full.
 *
 * @author v8heapsnapshot developers
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ReliabilityApplication {

	@Bean
	SecretHolder secretHolder() {
		return new SecretHolder();
	}

	@Bean
	@ConditionalOnProperty("reliability.ballast-percent")
	HeapBallast heapBallast(Environment environment) {
		return new HeapBallast(environment.getRequiredProperty("reliability.ballast-percent", Integer.class));
	}

	@Bean
	@ConditionalOnProperty("reliability.leak-share")
	SteadyLeak steadyLeak(Environment environment) {
		return new SteadyLeak(environment.getRequiredProperty("reliability.leak-share", Double.class));
	}

	@Bean
	@ConditionalOnProperty("reliability.items")
	LinkedItems linkedItems(Environment environment) {
		return new LinkedItems(environment.getRequiredProperty("reliability.items", Integer.class));
	}

	public static void main(String[] args) {
		SpringApplication.run(ReliabilityApplication.class, args);
	}

}
