package io.github.v8heapsnapshot.bench;

import org.jspecify.annotations.Nullable;

/**
 * One element of the workload's linked list, the same shape as the JavaScript workload's.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Item {

	final int id;

	final String name;

	final @Nullable Item next;

	Item(int id, String name, @Nullable Item next) {
		this.id = id;
		this.name = name;
		this.next = next;
	}

}
