package io.github.v8heapsnapshot.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's heap: a singly linked list of items with distinct 10-character names,
 * and a map from name to item for every 10th item. {@code bench/js/workload.js} builds the
 * same heap in JavaScript.
 *
 * @author v8heapsnapshot developers
 * @since 0.1.0
 */
public final class Workload {

	private static final int FIRST_NAME = 1_000_000_000;

	private final Item head;

	private final Map<String, Item> index;

	private Workload(Item head, Map<String, Item> index) {
		this.head = head;
		this.index = index;
	}

	/**
	 * Builds the workload.
	 * @param items the number of items, at least 1
	 * @return the workload
	 */
	public static Workload build(int items) {
		Item head = null;
		Map<String, Item> index = new HashMap<>();
		for (int i = 0; i < items; i++) {
			String name = Integer.toString(FIRST_NAME + i);
			head = new Item(i, name, head);
			if (i % 10 == 0) {
				index.put(name, head);
			}
		}
		if (head == null) {
			throw new IllegalArgumentException("A workload needs at least one item");
		}
		return new Workload(head, index);
	}

	/**
	 * Returns the number of items.
	 * @return the size
	 */
	public int size() {
		return this.head.id + 1;
	}

	int indexed() {
		return this.index.size();
	}

}
