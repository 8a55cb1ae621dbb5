package io.github.v8heapsnapshot.convert;

import java.io.IOException;

/**
 * Called between steps of a long loop; throws to stop it.
 *
 * @author v8heapsnapshot developers
 * @since 0.2.0
 */
@FunctionalInterface
interface Checkpoint {

	void check() throws IOException;

}
