package io.github.v8heapsnapshot.bench;

/**
 * One element of the workload's linked list, the same shape as the JavaScript workload's.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
final class Item {

	final int id;

	final String name;

	final Item next;

	Item(int id, String name, Item next) {
		this.id = id;
		this.name = name;
		this.next = next;
	}

}
