/**
 * Web filters that add to the {@code v8heapsnapshot} endpoint's answers the headers that
 * actuator operations cannot set.
 */
@NullMarked
package io.github.v8heapsnapshot.boot.actuate.endpoint.web;

import org.jspecify.annotations.NullMarked;
