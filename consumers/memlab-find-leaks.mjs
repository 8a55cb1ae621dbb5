#!/usr/bin/env node
// Runs memlab's find-leaks on three snapshots of one process (baseline, target, final), as
// `memlab find-leaks --baseline A --target B --final C --trace-all-objects` does, through
// @memlab/api, and prints one JSON object with the leak traces memlab reports.
//
// memlab's default leak filter only knows browser leaks (detached DOM, React Fiber nodes):
// here every object allocated between baseline and target and still alive in final is a
// candidate, as with --trace-all-objects, or with --trace-object-size-above N those of them
// that retain more than N bytes, as with memlab's option of that name.
//
// usage: node memlab-find-leaks.mjs BASELINE TARGET FINAL [--trace-object-size-above BYTES]
// exit: 0 analysed, 1 memlab failed, 2 bad arguments
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { captureOutput, plain } from './lib/script.mjs';

const require = createRequire(import.meta.url);
const USAGE = 'usage: node memlab-find-leaks.mjs BASELINE TARGET FINAL [--trace-object-size-above BYTES]';

const args = process.argv.slice(2);
let sizeAbove = 0;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--trace-object-size-above' && i + 1 < args.length) sizeAbove = Number(args[++i]);
  else if (!args[i].startsWith('--')) files.push(args[i]);
  else sizeAbove = NaN;
}
if (files.length !== 3 || !(sizeAbove >= 0)) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

// memlab prints progress on stdout; keep stdout for our JSON and remember what it said.
const { said, write: stdoutWrite } = captureOutput();

const result = { analysed: false, error: null, seconds: null, leaks: [], memlabOutput: said };
const started = Date.now();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'memlab-find-leaks-'));
try {
  const { config } = require('@memlab/core');
  const { findLeaksBySnapshotFilePaths, ConsoleMode } = require('@memlab/api');
  // What --trace-all-objects and --trace-object-size-above set
  config.oversizeObjectAsLeak = true;
  config.oversizeThreshold = sizeAbove;
  const traces = await findLeaksBySnapshotFilePaths(...files.map((file) => path.resolve(file)),
    { workDir, consoleMode: ConsoleMode.SILENT });
  result.leaks = traces.map(describe);
  result.analysed = true;
}
catch (ex) {
  result.error = plain(ex && ex.stack ? ex.stack : String(ex)).split('\n').slice(0, 3).join('\n');
}
finally {
  result.seconds = (Date.now() - started) / 1000;
  fs.rmSync(workDir, { recursive: true, force: true });
}
stdoutWrite(`${JSON.stringify(result)}\n`, () => process.exit(result.analysed ? 0 : 1));

// A trace as memlab serializes it: one key per step, from the GC roots down to the leaked
// object, such as "3:  --sessions (property)--->  [java.util.HashMap](object) @123 ...".
function describe(trace) {
  const steps = [];
  for (const key of Object.keys(trace)) {
    const step = key.match(/^\d+:\s+(?:--(.*?) \(([\w ]+)\)--->\s+)?\[(.*)\]\(([^)]*)\) @(\d+)(.*)$/s);
    if (step) {
      steps.push({ edgeName: step[1] ?? null, edgeType: step[2] ?? null, nodeName: step[3], nodeType: step[4],
        id: Number(step[5]), leaked: step[6].includes('$memLabTag:leaked') });
    }
  }
  return { steps };
}

