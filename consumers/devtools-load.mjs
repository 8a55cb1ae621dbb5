#!/usr/bin/env node
// Loads a .heapsnapshot in the Chrome DevTools that a private headless Chromium serves on its
// debugging port: Memory panel, "Load profile…", file chooser. Waits until DevTools has
// processed the file (or shows an error), reads the Summary grid, writes a screenshot and
// prints one JSON object. Chromium only listens on 127.0.0.1 and is always stopped.
//
// usage: node devtools-load.mjs FILE.heapsnapshot OUT.png [--filter CLASS] [--timeout SECONDS]
// exit: 0 loaded, 1 DevTools failed to load the file (or the harness failed), 2 bad arguments
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const USAGE = 'usage: node devtools-load.mjs FILE.heapsnapshot OUT.png [--filter CLASS] [--timeout SECONDS]';
const LOAD_BUTTON = 'button[jslog*="profiler.load-from-file"], button[aria-label^="Load profile"]';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const options = parseArguments(process.argv.slice(2));
const result = { loaded: false, error: null, seconds: null, browser: null, totalObjects: null, totalSize: null,
  summary: [] };
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'v8heapsnapshot-chromium-'));
let browserProcess = null;
let finished = false;
const deadline = Date.now() + options.timeout * 1000;
const watchdog = setTimeout(() => finish(`timed out after ${options.timeout} s`), options.timeout * 1000 + 5000);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => finish(`stopped by ${signal}`));
process.on('exit', stopChromium);

try {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install chromium: apt-get install chromium`);
  const port = await startChromium();
  result.browser = (await getJson(port, '/json/version')).Browser;
  const target = await firstPage(port);
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const page = await browser.contexts()[0].newPage();
  await page.setViewportSize({ width: 1600, height: 1000 });
  const pageErrors = [];
  page.on('pageerror', (ex) => pageErrors.push(ex.message));
  page.on('crash', () => pageErrors.push('the DevTools page crashed'));
  await page.goto(`http://127.0.0.1:${port}/devtools/devtools_app.html?ws=127.0.0.1:${port}/devtools/page/${target.id}&panel=heap-profiler`,
    { waitUntil: 'load', timeout: remaining() });
  await page.evaluate(installDomReaders);
  const started = await loadFile(page);
  const snapshot = await waitUntilProcessed(page, pageErrors);
  result.seconds = (Date.now() - started) / 1000;
  if (snapshot !== null) {
    await readSummary(page, snapshot);
  }
  await page.screenshot({ path: options.screenshot });
  await browser.close();
}
catch (ex) {
  result.error = result.error || `harness error: ${ex.message.split('\n')[0]}`;
}
finish(result.error);

async function loadFile(page) {
  await page.locator(LOAD_BUTTON).first().waitFor({ timeout: remaining() });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('DOM.enable');
  await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true });
  const chooser = new Promise((resolve) => cdp.once('Page.fileChooserOpened', resolve));
  await page.locator(LOAD_BUTTON).first().click({ timeout: remaining() });
  const opened = await Promise.race([chooser, sleep(15000).then(() => null)]);
  if (opened === null || !opened.backendNodeId) throw new Error('"Load profile…" opened no file chooser');
  const started = Date.now();
  // Chromium reads the file itself, so its size is not limited by the protocol
  await cdp.send('DOM.setFileInputFiles', { files: [options.file], backendNodeId: opened.backendNodeId });
  return started;
}

// The snapshot's sidebar entry shows a status ("Loading edges… 38%") while DevTools works and
// the snapshot's size when done; a failure shows up in DevTools' Console drawer instead.
async function waitUntilProcessed(page, pageErrors) {
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => window.v8hs.state());
    const entry = state.entries[state.entries.length - 1];
    if (state.errors.length > 0) {
      result.error = `DevTools shows: ${state.errors.join(' | ')}`;
      return null;
    }
    if (pageErrors.length > 0) {
      result.error = `DevTools failed: ${pageErrors.join(' | ')}`;
      return null;
    }
    if (entry && !entry.waiting && /\d/.test(entry.subtitle) && !/…|%/.test(entry.subtitle)) {
      return entry;
    }
    await sleep(250);
  }
  result.error = 'timed out waiting for DevTools to process the snapshot';
  return null;
}

async function readSummary(page, entry) {
  if (!entry.selected) {
    await page.evaluate((index) => window.v8hs.mark(index), entry.index);
    await page.locator('[data-v8hs-target]').first().click({ timeout: remaining() });
  }
  if (options.filter !== null) {
    await page.locator('[aria-label="Filter by class"]:visible').first().fill(options.filter, { timeout: remaining() });
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

// Evaluated in the DevTools page: reads what DevTools renders (open shadow roots included).
function installDomReaders() {
  const all = (root, selector, found = []) => {
    root.querySelectorAll(selector).forEach((element) => found.push(element));
    root.querySelectorAll('*').forEach((element) => element.shadowRoot && all(element.shadowRoot, selector, found));
    return found;
  };
  const shown = (element) => element.getClientRects().length > 0;
  const text = (element) => (element ? (element.innerText ?? element.textContent ?? '').replace(/\s+/g, ' ').trim() : '');
  const number = (value) => Number(String(value).replace(/[^\d]/g, '') || 'NaN');
  const entries = () => all(document, 'li.heap-snapshot-sidebar-tree-item');
  window.v8hs = {
    state: () => ({
      entries: entries().map((item, index) => ({ index, subtitle: text(item.querySelector('.subtitle')),
        waiting: item.classList.contains('wait'), selected: item.classList.contains('selected') })),
      errors: all(document, '.console-message-wrapper.console-error-level').filter(shown).map(text),
    }),
    mark: (index) => entries()[index].setAttribute('data-v8hs-target', ''),
    summary: () => {
      const view = all(document, '.heap-snapshot-view').find(shown) || document;
      const total = all(document, '.toolbar-text').filter(shown).map(text).find((line) => /objects? \(/.test(line));
      const grid = all(view, '.data-grid').filter(shown)
        .find((candidate) => /constructor/i.test(text(candidate.querySelector('thead'))));
      const rows = [];
      if (grid) {
        const keys = [...grid.querySelectorAll('thead th')].map((th) => th.className);
        for (const row of grid.querySelectorAll('tbody tr.data-grid-data-grid-node')) {
          const cells = [...row.children].filter((td) => td.tagName === 'TD');
          const cell = (key) => cells[keys.findIndex((name) => name.includes(key))];
          const name = cell('object-column');
          if (!name) continue;
          const copy = name.cloneNode(true);
          copy.querySelectorAll('.objects-count').forEach((badge) => badge.remove());
          const badge = name.querySelector('.objects-count');
          const size = (key) => {
            const value = cell(key);
            const percent = value && value.querySelector('.percent-column');
            if (percent) percent.remove();
            return text(value);
          };
          rows.push({ constructor: text(copy), count: badge ? number(text(badge)) : 1,
            distance: text(cell('distance-column')), shallowSize: size('shallowSize-column'),
            retainedSize: size('retainedSize-column') });
        }
      }
      const match = total && total.match(/([\d,]+) objects? \(([^)]+)\)/);
      return { totalObjects: match ? number(match[1]) : null, totalSize: match ? match[2] : null, rows };
    },
  };
}

async function startChromium() {
  const home = path.join(profile, 'home');
  fs.mkdirSync(home);
  browserProcess = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US',
    `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
    '--window-size=1600,1000', 'about:blank'], {
    // Its own process group, so that stopping it also stops its renderers
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, LANG: 'en_US.UTF-8' },
  });
  let exited = false;
  browserProcess.on('exit', () => { exited = true; });
  const portFile = path.join(profile, 'DevToolsActivePort');
  while (Date.now() < deadline && !exited) {
    if (fs.existsSync(portFile)) {
      const port = Number(fs.readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return port;
    }
    await sleep(100);
  }
  throw new Error('Chromium did not start');
}

async function firstPage(port) {
  while (Date.now() < deadline) {
    const page = (await getJson(port, '/json/list')).find((target) => target.type === 'page');
    if (page) return page;
    await sleep(100);
  }
  throw new Error('Chromium has no page');
}

async function getJson(port, resource) {
  return (await fetch(`http://127.0.0.1:${port}${resource}`)).json();
}

function stopChromium() {
  if (browserProcess !== null && browserProcess.pid) {
    try {
      process.kill(-browserProcess.pid, 'SIGKILL');
    }
    catch {
      // already gone
    }
    browserProcess = null;
  }
  fs.rmSync(profile, { recursive: true, force: true });
}

function finish(error) {
  if (finished) return;
  finished = true;
  clearTimeout(watchdog);
  stopChromium();
  result.error = error || null;
  result.loaded = result.loaded && !result.error;
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.loaded ? 0 : 1));
}

function remaining() {
  return Math.max(1000, deadline - Date.now());
}

function parseArguments(args) {
  const parsed = { file: null, screenshot: null, filter: null, timeout: 240 };
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--filter' && i + 1 < args.length) parsed.filter = args[++i];
    else if (args[i] === '--timeout' && i + 1 < args.length) parsed.timeout = Number(args[++i]);
    else if (args[i].startsWith('--')) usage();
    else positional.push(args[i]);
  }
  if (positional.length !== 2 || !positional[0].endsWith('.heapsnapshot') || !(parsed.timeout > 0)) usage();
  parsed.file = path.resolve(positional[0]);
  parsed.screenshot = path.resolve(positional[1]);
  return parsed;
}

function usage() {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
