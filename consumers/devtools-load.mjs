#!/usr/bin/env node
// Loads a .heapsnapshot in the Chrome DevTools that a private headless Chromium serves on its
// debugging port: Memory panel, "Load profile…", file chooser. Waits until DevTools has
// processed the file (or shows an error), reads the Summary grid, writes a screenshot and
// prints one JSON object. Chromium only listens on 127.0.0.1 and is always stopped.
//
// usage: node devtools-load.mjs FILE.heapsnapshot OUT.png [--filter CLASS] [--timeout SECONDS]
// exit: 0 loaded, 1 DevTools failed to load the file (or the harness failed), 2 bad arguments
import path from 'node:path';
import { loadSnapshot, runInDevTools, selectSnapshot } from './lib/devtools-page.mjs';
import { parseOptions, remaining } from './lib/script.mjs';

const USAGE = 'usage: node devtools-load.mjs FILE.heapsnapshot OUT.png [--filter CLASS] [--timeout SECONDS]';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const options = parseArguments(process.argv.slice(2));
const result = { loaded: false, error: null, seconds: null, browser: null, totalObjects: null, totalSize: null,
  summary: [] };
const deadline = Date.now() + options.timeout * 1000;
let devTools = null;

await runInDevTools(deadline, result, 'loaded', async (opened) => {
  devTools = opened;
  const loaded = await loadSnapshot(devTools, options.file, deadline);
  result.seconds = loaded.seconds;
  if (loaded.error) result.error = loaded.error;
  else await readSummary(devTools.page, loaded.entry);
  await devTools.page.screenshot({ path: options.screenshot });
});

async function readSummary(page, entry) {
  if (!entry.selected) await selectSnapshot(devTools, entry, deadline);
  if (options.filter !== null) {
    await page.locator('[aria-label="Filter by class"]:visible').first()
      .fill(options.filter, { timeout: remaining(deadline) });
  }
  let summary = null;
  while (Date.now() < deadline) {
    summary = await page.evaluate(() => window.v8hs.summary());
    if (summary.totalObjects !== null && summary.rows.length > 0
        && (options.filter === null || summary.rows.every((row) => row.constructor.includes(options.filter)))) {
      break;
    }
    await sleep(250);
  }
  await sleep(500);
  summary = await page.evaluate(() => window.v8hs.summary());
  result.totalObjects = summary.totalObjects;
  result.totalSize = summary.totalSize;
  result.summary = summary.rows;
  if (summary.rows.length === 0) result.error = 'DevTools shows an empty Summary';
  else result.loaded = true;
}

function parseArguments(args) {
  const { positional, filter, timeout } = parseOptions(args, 240, usage);
  if (positional.length !== 2 || !positional[0].endsWith('.heapsnapshot')) usage();
  return { file: path.resolve(positional[0]), screenshot: path.resolve(positional[1]), filter, timeout };
}

function usage() {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
