#!/usr/bin/env node
// Loads a .heapsnapshot with memlab (parser, shortest paths from the GC roots, dominators,
// retained sizes) and prints one JSON object with what memlab computed.
//
// usage: node memlab-load.mjs FILE [--class NAME]
// exit: 0 loaded, 1 memlab failed, 2 bad arguments
import path from 'node:path';
import { createRequire } from 'node:module';
import { captureOutput, plain } from './lib/script.mjs';

const require = createRequire(import.meta.url);
const USAGE = 'usage: node memlab-load.mjs FILE [--class NAME]';

const args = process.argv.slice(2);
let file = null;
let className = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--class' && i + 1 < args.length) className = args[++i];
  else if (!args[i].startsWith('--') && file === null) file = args[i];
  else usage();
}
if (file === null) usage();

// memlab prints progress on stdout; keep stdout for our JSON and remember what it said.
const { said, write: stdoutWrite } = captureOutput();

const result = { loaded: false, error: null, seconds: null, nodeCount: null, edgeCount: null,
  totalShallowSize: null, rootRetainedSize: null, classes: [], path: null, memlabOutput: said };
const started = Date.now();
try {
  const core = require('@memlab/core');
  const { getFullHeapFromFile } = require('@memlab/heap-analysis');
  core.config.errorHandling = core.ErrorHandling.Throw;
  const heap = await getFullHeapFromFile(path.resolve(file));
  result.seconds = (Date.now() - started) / 1000;
  describe(heap);
  result.loaded = true;
}
catch (ex) {
  result.seconds = (Date.now() - started) / 1000;
  result.error = plain(ex && ex.stack ? ex.stack : String(ex)).split('\n').slice(0, 2).join('\n');
}
stdoutWrite(`${JSON.stringify(result)}\n`, () => process.exit(result.loaded ? 0 : 1));

function describe(heap) {
  const count = heap.nodes.length;
  result.nodeCount = count;
  result.edgeCount = heap.edges.length;
  const classOf = new Int32Array(count);
  const dominator = new Int32Array(count).fill(-1);
  const retained = new Float64Array(count);
  const rows = [];
  const rowIndex = new Map();
  let total = 0;
  heap.nodes.forEach((node, i) => {
    const name = summaryName(node.type, node.name);
    let index = rowIndex.get(name);
    if (index === undefined) {
      index = rows.length;
      rowIndex.set(name, index);
      rows.push({ name, type: node.type, count: 0, shallowSize: 0, retainedSize: 0 });
    }
    rows[index].count++;
    rows[index].shallowSize += node.self_size;
    total += node.self_size;
    classOf[i] = index;
    retained[i] = node.retainedSize;
    const owner = node.dominatorNode;
    if (owner && owner.nodeIndex !== i) dominator[i] = owner.nodeIndex;
  });
  result.totalShallowSize = total;
  result.rootRetainedSize = heap.nodes.get(0).retainedSize;
  sumRetainedPerClass(rows, classOf, dominator, retained);
  result.classes = rows;
  if (className !== null) result.path = retainerPath(heap, className);
}

// Like the DevTools Summary: a class's retained size is the sum over its members that no
// other member of the same class dominates.
function sumRetainedPerClass(rows, classOf, dominator, retained) {
  const count = classOf.length;
  const firstChild = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) if (dominator[i] >= 0) firstChild[dominator[i] + 1]++;
  for (let i = 0; i < count; i++) firstChild[i + 1] += firstChild[i];
  const filled = new Int32Array(count);
  const children = new Int32Array(Math.max(1, firstChild[count]));
  for (let i = 0; i < count; i++) {
    const parent = dominator[i];
    if (parent >= 0) children[firstChild[parent] + filled[parent]++] = i;
  }
  const open = new Int32Array(rows.length);
  const stack = new Int32Array(2 * count + 2);
  for (let top = 0; top < count; top++) {
    if (dominator[top] >= 0) continue;
    let size = 0;
    stack[size++] = top;
    while (size > 0) {
      const entry = stack[--size];
      if (entry < 0) {
        open[classOf[~entry]]--;
        continue;
      }
      if (open[classOf[entry]]++ === 0) rows[classOf[entry]].retainedSize += retained[entry];
      stack[size++] = ~entry;
      for (let k = firstChild[entry]; k < firstChild[entry + 1]; k++) stack[size++] = children[k];
    }
  }
}

// memlab's shortest path from the GC roots to the first instance of the class it reached.
function retainerPath(heap, name) {
  let target = null;
  heap.nodes.forEach((node) => {
    if (node.name === name && node.type === 'object' && node.hasPathEdge) {
      target = node;
      return false;
    }
    return true;
  });
  if (target === null) return [];
  const steps = [];
  const seen = new Set();
  for (let node = target; node.pathEdge && !seen.has(node.nodeIndex); node = node.pathEdge.fromNode) {
    seen.add(node.nodeIndex);
    const edge = node.pathEdge;
    steps.unshift({ edgeName: String(edge.name_or_index), edgeType: edge.type, nodeName: node.name, nodeType: node.type });
  }
  return steps;
}

function summaryName(type, name) {
  switch (type) {
    case 'object':
    case 'native':
      return name;
    case 'hidden':
      return '(system)';
    case 'code':
      return '(compiled code)';
    case 'closure':
      return 'Function';
    case 'regexp':
      return 'RegExp';
    default:
      return `(${type})`;
  }
}

function usage() {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
