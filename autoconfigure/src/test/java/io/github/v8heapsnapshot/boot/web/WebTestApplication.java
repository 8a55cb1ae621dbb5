package io.github.v8heapsnapshot.boot.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application with the actuator and the heap snapshot auto-configuration, for
 * tests over real HTTP.
 *
 * @author v8heapsnapshot developers
 */
@SpringBootApplication
public class WebTestApplication {

}
