#!/usr/bin/env node
// Compares snapshots of one process in Chrome DevTools, as a user does: loads them all
// through "Load profile…", then selects each but the first in turn, switches to the
// Comparison view against the snapshot before it and reads every class row (# New,
// # Deleted); for the first pair also the Summary with the filter "Objects allocated between
// Snapshot 1 and Snapshot 2". With --filter, the views are also read filtered by class, and
// the screenshot shows the first pair's filtered Comparison. Prints one JSON object.
// Chromium only listens on 127.0.0.1 and is always stopped.
//
// usage: node devtools-compare.mjs FIRST.heapsnapshot SECOND.heapsnapshot [MORE.heapsnapshot...] OUT.png
//        [--filter CLASS] [--timeout SECONDS]
// exit: 0 compared, 1 DevTools failed (or the harness failed), 2 bad arguments
import path from 'node:path';
import { loadSnapshot, runInDevTools, selectSnapshot } from './lib/devtools-page.mjs';
import { parseOptions, remaining } from './lib/script.mjs';

const USAGE = 'usage: node devtools-compare.mjs FIRST.heapsnapshot SECOND.heapsnapshot [MORE.heapsnapshot...] '
  + 'OUT.png [--filter CLASS] [--timeout SECONDS]';
const FILTER_BY_CLASS = '[aria-label="Filter by class"]:visible';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const options = parseArguments(process.argv.slice(2));
const result = { compared: false, error: null, browser: null, comparisons: [] };
const deadline = Date.now() + options.timeout * 1000;
let devTools = null;

await runInDevTools(deadline, result, 'compared', async (opened) => {
  devTools = opened;
  const entries = [];
  for (const file of options.files) {
    const loaded = await loadSnapshot(devTools, file, deadline);
    if (loaded.error) throw new Error(`${file}: ${loaded.error}`);
    entries.push(loaded.entry);
  }
  for (let i = 1; i < entries.length; i++) {
    result.comparisons.push(await compare(entries[i - 1], entries[i], i === 1));
  }
  result.compared = true;
});

// Selects the target, reads its Comparison with the base and, for the first pair, the
// objects allocated between them and the screenshot
async function compare(base, target, first) {
  const comparison = { base: options.files[base.index], target: options.files[target.index], targetObjects: null,
    totals: null, filteredComparison: [], allocatedBetween: null, filteredAllocatedBetween: [] };
  await selectSnapshot(devTools, target, deadline);
  const summary = await waitFor(() => devTools.page.evaluate(() => window.v8hs.summary()),
    (read) => read.totalObjects !== null && read.rows.length > 0);
  comparison.targetObjects = summary.totalObjects;
  await choose('Perspective', 'Comparison');
  await chooseBase(base.index);
  const rows = await waitFor(() => devTools.page.evaluate(() => window.v8hs.comparison()), (read) => read.length > 0);
  comparison.totals = { classes: rows.length, totalNew: sum(rows, 'added'), totalDeleted: sum(rows, 'removed'),
    mostNew: [...rows].sort((a, b) => b.added - a.added).slice(0, 10) };
  if (options.filter !== null) {
    await filterByClass(options.filter);
    comparison.filteredComparison = await waitFor(() => devTools.page.evaluate(() => window.v8hs.comparison()),
      (read) => read.every((row) => row.constructor.includes(options.filter)));
  }
  if (first) await devTools.page.screenshot({ path: options.screenshot });
  if (options.filter !== null) await filterByClass('');
  await choose('Perspective', 'Summary');
  if (first) {
    await choose('Filter', /between/);
    const between = await waitFor(() => devTools.page.evaluate(() => window.v8hs.summary()),
      (read) => read.totalObjects !== null);
    comparison.allocatedBetween = { totalObjects: between.totalObjects, rows: between.rows.slice(0, 10) };
    if (options.filter !== null) {
      await filterByClass(options.filter);
      comparison.filteredAllocatedBetween = (await waitFor(() => devTools.page.evaluate(() => window.v8hs.summary()),
        (read) => read.rows.every((row) => row.constructor.includes(options.filter)))).rows;
      await filterByClass('');
    }
    await choose('Filter', 'All objects');
  }
  return comparison;
}

// The Comparison's base is the drop-down listing the loaded snapshots
async function chooseBase(index) {
  const titles = await devTools.page.evaluate(() => window.v8hs.state().entries.map((entry) => entry.title));
  const select = devTools.page.locator('select:visible').filter({ hasText: titles[index] })
    .filter({ hasNotText: 'Summary' }).first();
  await select.selectOption({ index }, { timeout: remaining(deadline) });
  await sleep(1000);
}

// Picks an option of one of the view's drop-downs, "Perspective" or "Filter"
async function choose(label, option) {
  const select = devTools.page.locator(`select[aria-label="${label}"]:visible`).first();
  const labels = await select.evaluate((element) => [...element.options].map((o) => o.textContent.trim()));
  const wanted = labels.find((text) => (option instanceof RegExp ? option.test(text) : text === option));
  if (wanted === undefined) throw new Error(`no option ${option} in ${label}: ${labels.join(', ')}`);
  await select.selectOption({ label: wanted }, { timeout: remaining(deadline) });
  await sleep(1000);
}

async function filterByClass(value) {
  await devTools.page.locator(FILTER_BY_CLASS).first().fill(value, { timeout: remaining(deadline) });
  await sleep(1000);
}

// Reads until the reading is complete, then once more after DevTools has settled
async function waitFor(read, complete) {
  while (Date.now() < deadline) {
    if (complete(await read())) break;
    await sleep(250);
  }
  await sleep(500);
  return read();
}

function sum(rows, key) {
  return rows.reduce((total, row) => total + row[key], 0);
}

function parseArguments(args) {
  const { positional, filter, timeout } = parseOptions(args, 300, usage);
  const files = positional.slice(0, -1);
  if (files.length < 2 || !files.every((file) => file.endsWith('.heapsnapshot'))) usage();
  return { files: files.map((file) => path.resolve(file)), screenshot: path.resolve(positional[positional.length - 1]),
    filter, timeout };
}

function usage() {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
