/**
 * A Spring Boot Admin server to try the heap snapshots view with the sample application.
 */
@NullMarked
package io.github.v8heapsnapshot.sample.admin;

import org.jspecify.annotations.NullMarked;
