#!/usr/bin/env node
// Drives the "Heap snapshots" view of a Spring Boot Admin server in a private headless Chromium,
// as an operator would: opens the instance's view, takes a snapshot and follows its progress,
// reads the new row, opens its summary, compares it with the snapshot before it, screenshots the
// view in SBA's light and dark themes, downloads the file and deletes the snapshot. Prints one
// JSON object with what the view showed. Chromium only talks to the given server and is always
// stopped.
//
// usage: node admin-view.mjs ADMIN_URL INSTANCE_ID OUT_DIR [--filter CLASS] [--timeout SECONDS]
// exit: 0 every step passed, 1 a step failed (see "error"), 2 bad arguments
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { parseOptions } from './lib/script.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const USAGE = 'usage: node admin-view.mjs ADMIN_URL INSTANCE_ID OUT_DIR [--filter CLASS] [--timeout SECONDS]';

const options = parseArguments(process.argv.slice(2));
const deadline = Date.now() + options.timeout * 1000;
const result = { passed: false, error: null, browser: null, seconds: {}, before: [], progress: [], snapshot: null,
  summary: {}, filtered: [], diff: [], download: null, deleted: false, screenshots: [], pageErrors: [] };
let browser = null;
let page = null;

try {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install chromium: apt-get install chromium`);
  fs.mkdirSync(options.outDir, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: remaining(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=en-US'] });
  result.browser = `Chromium ${browser.version()}`;
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1600, height: 1000 },
    locale: 'en-US', timezoneId: 'UTC' });
  page = await context.newPage();
  page.on('pageerror', (ex) => result.pageErrors.push(ex.message));

  await timed('open', async () => {
    await page.goto(`${options.admin}/instances/${encodeURIComponent(options.instance)}/v8heapsnapshot`,
      { waitUntil: 'load', timeout: remaining() });
    await page.locator('[data-v8hs="snapshots"], [data-v8hs="empty"], [data-v8hs="not-exposed"]').first()
      .waitFor({ timeout: remaining() });
  });
  await expectNo(page, 'not-exposed', 'read-only', 'error');
  result.before = await rows(page);

  await timed('take', async () => {
    await page.evaluate(recordProgress);
    await page.locator('[data-v8hs="take"]').click({ timeout: remaining() });
    const known = result.before.map((row) => row.name);
    const row = await page.waitForFunction((names) => {
      const found = [...document.querySelectorAll('tr[data-v8hs="snapshot"]')]
        .find((candidate) => !names.includes(candidate.dataset.name) && candidate.dataset.state !== 'in-progress');
      const refused = document.querySelector('[data-v8hs="error"], [data-v8hs="busy"], [data-v8hs="read-only"]');
      return found ? found.dataset.state : (refused ? refused.dataset.v8hs : null);
    }, known, { timeout: remaining(), polling: 100 });
    result.progress = await page.evaluate(() => window.v8hsProgress);
    const state = await row.jsonValue();
    if (state !== 'stored') throw new Error(`the new snapshot is ${state}: ${await alerts(page)}`);
    result.snapshot = (await rows(page)).find((candidate) => !known.includes(candidate.name));
  });
  const name = result.snapshot.name;
  const newRow = page.locator(`tr[data-v8hs="snapshot"][data-name="${name}"]`);

  await timed('summary', async () => {
    await newRow.locator('[data-v8hs="show-summary"]').click({ timeout: remaining() });
    await page.locator('[data-v8hs="summary"], [data-v8hs="summary-unavailable"], [data-v8hs="unsupported"]').first()
      .waitFor({ timeout: remaining() });
    await expectNo(page, 'summary-unavailable', 'unsupported', 'error');
    for (const table of ['classes-by-retained', 'classes-by-count', 'retainers', 'duplicated-strings']) {
      result.summary[table] = await tableRows(page, table);
    }
  });
  await page.screenshot({ path: screenshot('admin-view-summary.png') });
  await inDarkTheme(page, () => page.screenshot({ path: screenshot('admin-view-summary-dark.png') }));
  if (options.filter !== null) {
    await timed('filter', async () => {
      await page.locator('[data-v8hs="filter"]').fill(options.filter, { timeout: remaining() });
      result.filtered = await tableRows(page, 'classes-by-retained');
    });
  }

  if (result.before.length > 0) {
    await timed('diff', async () => {
      await newRow.locator('[data-v8hs="compare"]').check({ timeout: remaining() });
      await page.locator(`tr[data-v8hs="snapshot"][data-name="${result.before[0].name}"] [data-v8hs="compare"]`)
        .check({ timeout: remaining() });
      await page.locator('[data-v8hs="filter"]').fill('', { timeout: remaining() });
      await page.locator('[data-v8hs="compare-button"]').click({ timeout: remaining() });
      await page.locator('[data-v8hs="diff"], [data-v8hs="unsupported"]').first().waitFor({ timeout: remaining() });
      await expectNo(page, 'unsupported', 'error');
      await page.screenshot({ path: screenshot('admin-view-diff.png') });
      if (options.filter !== null) {
        await page.locator('[data-v8hs="filter"]').fill(options.filter, { timeout: remaining() });
      }
      result.diff = await tableRows(page, 'diff');
    });
  }

  await timed('download', async () => {
    // Chromium reports a download that a new window started on the page that opened it
    const download = new Promise((resolve) => {
      page.once('download', resolve);
      context.on('page', (popup) => popup.once('download', resolve));
    });
    await newRow.locator('[data-v8hs="download"]').click({ timeout: remaining() });
    const file = await within(download, 'the download to start');
    const target = path.join(options.outDir, path.basename(file.suggestedFilename()));
    await file.saveAs(target);
    const failure = await file.failure();
    if (failure) throw new Error(`the download failed: ${failure}`);
    result.download = target;
  });

  await timed('delete', async () => {
    const remove = newRow.locator('[data-v8hs="delete"]');
    await remove.click({ timeout: remaining() });
    // SBA's confirm button asks again before it acts
    await remove.click({ timeout: remaining() });
    await newRow.waitFor({ state: 'detached', timeout: remaining() });
    await expectNo(page, 'error');
    result.deleted = true;
  });
  if (result.pageErrors.length > 0) throw new Error(`the page failed: ${result.pageErrors.join(' | ')}`);
  result.passed = true;
}
catch (ex) {
  result.error = ex.message.split('\n')[0];
  if (page !== null) await page.screenshot({ path: screenshot('admin-view-failure.png') }).catch(() => {});
}
finally {
  if (browser !== null) await browser.close().catch(() => {});
}
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.passed ? 0 : 1));

async function timed(step, action) {
  const started = Date.now();
  try {
    await action();
  }
  catch (ex) {
    throw new Error(`${step}: ${ex.message.split('\n')[0]}`);
  }
  result.seconds[step] = (Date.now() - started) / 1000;
}

// Evaluated in the page: keeps every phase and percent that the progress bar shows
function recordProgress() {
  window.v8hsProgress = [];
  const record = () => {
    const bar = document.querySelector('[data-v8hs="progress"]');
    const last = window.v8hsProgress[window.v8hsProgress.length - 1];
    if (bar && (!last || last.phase !== bar.dataset.phase || last.percent !== Number(bar.dataset.percent))) {
      window.v8hsProgress.push({ phase: bar.dataset.phase, percent: Number(bar.dataset.percent),
        text: bar.innerText.replace(/\s+/g, ' ').trim() });
    }
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true,
    characterData: true });
}

async function rows(page) {
  return page.evaluate(() => [...document.querySelectorAll('tr[data-v8hs="snapshot"]')].map((row) => ({
    name: row.dataset.name, state: row.dataset.state,
    cells: [...row.children].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim()),
  })));
}

async function tableRows(page, table) {
  return page.evaluate((id) => [...document.querySelectorAll(`[data-v8hs="${id}"] tbody tr`)]
    .map((row) => [...row.children].map((cell) => cell.innerText.replace(/\s+/g, ' ').trim())), table);
}

async function alerts(page) {
  return page.evaluate(() => [...document.querySelectorAll('[role="alert"][data-v8hs]')]
    .map((alert) => `${alert.dataset.v8hs}: ${alert.innerText}`).join(' | '));
}

async function expectNo(page, ...ids) {
  for (const id of ids) {
    if (await page.locator(`[data-v8hs="${id}"]`).count() > 0) throw new Error(`the view shows ${await alerts(page)}`);
  }
}

// SBA's stylesheet declares Tailwind's class-based dark variant: the "dark" class on the root
async function inDarkTheme(page, action) {
  await page.evaluate(() => document.documentElement.classList.add('dark'));
  // SBA's panel headers fade their background
  await page.waitForTimeout(1000);
  try {
    await action();
  }
  finally {
    await page.evaluate(() => document.documentElement.classList.remove('dark'));
  }
}

function screenshot(file) {
  const target = path.join(options.outDir, file);
  result.screenshots.push(target);
  return target;
}

function within(promise, what) {
  return Promise.race([promise, new Promise((resolve, reject) =>
    setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), remaining()))]);
}

function remaining() {
  return Math.max(1000, deadline - Date.now());
}

function parseArguments(args) {
  const { positional, filter, timeout } = parseOptions(args, 180, usage);
  if (positional.length !== 3 || !/^https?:\/\//.test(positional[0])) usage();
  return { admin: positional[0].replace(/\/+$/, ''), instance: positional[1], outDir: path.resolve(positional[2]),
    filter, timeout };
}

function usage() {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
