package io.github.v8heapsnapshot.boot.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A test of the {@code v8heapsnapshot} endpoint over real HTTP: starts the
 * {@link WebTestApplication} (and the given classes) on a random port, with the endpoint
 * exposed and unrestricted unless the {@link #properties()} say otherwise.
 *
 * @author v8heapsnapshot developers
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource("endpoint-web-test.properties")
public @interface EndpointWebTest {

	/**
	 * The classes of the application context.
	 * @return the classes
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "classes")
	Class<?>[] classes() default WebTestApplication.class;

	/**
	 * More properties of the application, in {@code key=value} form.
	 * @return the properties
	 */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
