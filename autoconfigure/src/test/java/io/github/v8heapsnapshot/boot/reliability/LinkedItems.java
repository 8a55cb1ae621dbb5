package io.github.v8heapsnapshot.boot.reliability;

/**
 * Keeps a chain of small objects alive, to snapshot a heap of millions of objects.
 *
 * @author v8heapsnapshot developers
 */
class LinkedItems {

	private final Item head;

	LinkedItems(int count) {
		Item head = null;
		for (int i = 0; i < count; i++) {
			head = new Item(i, head);
		}
		this.head = head;
	}

	Item head() {
		return this.head;
	}

	record Item(int value, Item next) {

	}

}
