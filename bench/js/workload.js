'use strict';
// The benchmark's JavaScript side: builds the same heap as the Java workload (Workload.java),
// runs a full GC, times v8.writeHeapSnapshot() alone and prints one RESULT line.
// Usage: node --expose-gc workload.js ITEMS FILE.heapsnapshot
const fs = require('fs');
const v8 = require('v8');

const FIRST_NAME = 1000000000;

class Item {
	constructor(id, name, next) {
		this.id = id;
		this.name = name;
		this.next = next;
	}
}

function build(items) {
	let head = null;
	const index = new Map();
	for (let i = 0; i < items; i++) {
		const name = String(FIRST_NAME + i);
		head = new Item(i, name, head);
		if (i % 10 === 0) {
			index.set(name, head);
		}
	}
	return { head, index };
}

function status() {
	const values = {};
	for (const line of fs.readFileSync('/proc/self/status', 'latin1').split('\n')) {
		const match = /^(VmRSS|VmHWM):\s+(\d+) kB/.exec(line);
		if (match) {
			values[match[1]] = Number(match[2]) * 1024;
		}
	}
	return values;
}

function counts(file) {
	const fd = fs.openSync(file, 'r');
	try {
		const head = Buffer.alloc(4096);
		const length = fs.readSync(fd, head, 0, head.length, 0);
		const text = head.toString('latin1', 0, length);
		return {
			nodes: Number(/"node_count":(\d+)/.exec(text)[1]),
			edges: Number(/"edge_count":(\d+)/.exec(text)[1]),
		};
	}
	finally {
		fs.closeSync(fd);
	}
}

function main() {
	const [items, file] = [Number(process.argv[2]), process.argv[3]];
	if (!(items > 0) || !file) {
		throw new Error('Usage: node --expose-gc workload.js ITEMS FILE.heapsnapshot');
	}
	if (typeof global.gc !== 'function') {
		throw new Error('Run node with --expose-gc');
	}
	const workload = build(items);
	global.gc();
	// Writing 5 resets VmHWM to the current VmRSS (Linux 4.0+)
	fs.writeFileSync('/proc/self/clear_refs', '5');
	const before = status();
	const cpu = process.cpuUsage();
	const start = process.hrtime.bigint();
	v8.writeHeapSnapshot(file);
	const wall = Number(process.hrtime.bigint() - start) / 1e9;
	const used = process.cpuUsage(cpu);
	const after = status();
	const { nodes, edges } = counts(file);
	const result = {
		items: workload.head.id + 1,
		indexedItems: workload.index.size,
		snapshotWallSeconds: wall,
		snapshotCpuSeconds: (used.user + used.system) / 1e6,
		nodes,
		edges,
		snapshotBytes: fs.statSync(file).size,
		rssBeforeBytes: before.VmRSS,
		rssPeakExtraBytes: after.VmHWM - before.VmRSS,
	};
	console.log('RESULT ' + Object.entries(result).map(([name, value]) => `${name}=${value}`).join(' '));
}

main();
