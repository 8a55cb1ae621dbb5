// What the DevTools scripts share: a private headless Chromium that serves DevTools on a
// loopback debugging port, and the readers that run in the DevTools page.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { remaining } from './script.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LOAD_BUTTON = 'button[jslog*="profiler.load-from-file"], button[aria-label^="Load profile"]';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a DevTools script: opens DevTools, hands it to `work`, and prints `result` as one JSON
 * line once the work ends, fails, is stopped by a signal or runs 5 s past the deadline; then
 * exits with 0 if the result's flag `succeeded` is set and no error came, 1 otherwise.
 * DevTools is always stopped.
 * @param {number} deadline the time (ms since the epoch) by which everything must be done
 * @param {object} result what to print; its `error` and `browser` are set here
 * @param {string} succeeded the name of the result's flag of success
 * @param {function} work async (devTools) => void
 */
export async function runInDevTools(deadline, result, succeeded, work) {
  const timeout = Math.round((deadline - Date.now()) / 1000);
  let devTools = null;
  let finished = false;
  const finish = (error) => {
    if (finished) return;
    finished = true;
    clearTimeout(watchdog);
    if (devTools) devTools.stop();
    result.error = error || null;
    result[succeeded] = result[succeeded] && !result.error;
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result[succeeded] ? 0 : 1));
  };
  const watchdog = setTimeout(() => finish(`timed out after ${timeout} s`), deadline - Date.now() + 5000);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => finish(`stopped by ${signal}`));
  process.on('exit', () => devTools && devTools.stop());
  try {
    devTools = await openDevTools(deadline);
    result.browser = devTools.browserVersion;
    await work(devTools);
  }
  catch (ex) {
    result.error = result.error || `harness error: ${ex.message.split('\n')[0]}`;
  }
  finish(result.error);
}

/**
 * Starts Chromium and opens the DevTools frontend it serves on the Memory panel, with the
 * readers of installDomReaders in the page. stop() ends it all.
 * @param {number} deadline the time (ms since the epoch) by which everything must be done
 */
export async function openDevTools(deadline) {
  const chrome = await launchChromium(deadline);
  try {
    const browserVersion = (await getJson(chrome.port, '/json/version')).Browser;
    const target = await firstPage(chrome.port, deadline);
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await browser.contexts()[0].newPage();
    await page.setViewportSize({ width: 1600, height: 1000 });
    const pageErrors = [];
    page.on('pageerror', (ex) => pageErrors.push(ex.message));
    page.on('crash', () => pageErrors.push('the DevTools page crashed'));
    await page.goto(`http://127.0.0.1:${chrome.port}/devtools/devtools_app.html?ws=127.0.0.1:${chrome.port}/devtools/page/${target.id}&panel=heap-profiler`,
      { waitUntil: 'load', timeout: remaining(deadline) });
    await page.evaluate(installDomReaders);
    return { page, pageErrors, browserVersion, stop: chrome.stop };
  }
  catch (ex) {
    chrome.stop();
    throw ex;
  }
}

/**
 * Loads a file through "Load profile…" and waits until DevTools has processed it: the
 * snapshot's sidebar entry shows a status ("Loading edges… 38%") while DevTools works and
 * the snapshot's size when done; a failure shows up in DevTools' Console drawer instead.
 * @returns {{ entry, seconds, error }} the sidebar entry, or the error DevTools showed
 */
/**
 * Selects a loaded snapshot in the sidebar, as a click does.
 */
export async function selectSnapshot(devTools, entry, deadline) {
  await devTools.page.evaluate((index) => window.v8hs.mark(index), entry.index);
  await devTools.page.locator('[data-v8hs-target]').first().click({ timeout: remaining(deadline) });
}

export async function loadSnapshot(devTools, file, deadline) {
  const { page, pageErrors } = devTools;
  await page.locator(LOAD_BUTTON).first().waitFor({ timeout: remaining(deadline) });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('DOM.enable');
  await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true });
  const chooser = new Promise((resolve) => cdp.once('Page.fileChooserOpened', resolve));
  await page.locator(LOAD_BUTTON).first().click({ timeout: remaining(deadline) });
  const opened = await Promise.race([chooser, sleep(15000).then(() => null)]);
  await cdp.send('Page.setInterceptFileChooserDialog', { enabled: false });
  if (opened === null || !opened.backendNodeId) throw new Error('"Load profile…" opened no file chooser');
  const before = (await page.evaluate(() => window.v8hs.state())).entries.length;
  const started = Date.now();
  // Chromium reads the file itself, so its size is not limited by the protocol
  await cdp.send('DOM.setFileInputFiles', { files: [file], backendNodeId: opened.backendNodeId });
  const seconds = () => (Date.now() - started) / 1000;
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => window.v8hs.state());
    const entry = state.entries[before];
    if (state.errors.length > 0) return { error: `DevTools shows: ${state.errors.join(' | ')}`, seconds: seconds() };
    if (pageErrors.length > 0) return { error: `DevTools failed: ${pageErrors.join(' | ')}`, seconds: seconds() };
    if (entry && !entry.waiting && /\d/.test(entry.subtitle) && !/…|%/.test(entry.subtitle)) {
      return { entry, seconds: seconds() };
    }
    await sleep(250);
  }
  return { error: 'timed out waiting for DevTools to process the snapshot', seconds: seconds() };
}

/**
 * Starts Chromium with a throw-away profile; stop() kills it and deletes the profile.
 * @param {number} deadline the time (ms since the epoch) by which it must have started
 */
async function launchChromium(deadline) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install chromium: apt-get install chromium`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'v8heapsnapshot-chromium-'));
  const home = path.join(profile, 'home');
  fs.mkdirSync(home);
  let browserProcess = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US',
    `--user-data-dir=${profile}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
    '--window-size=1600,1000', 'about:blank'], {
    // Its own process group, so that stopping it also stops its renderers
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home, LANG: 'en_US.UTF-8' },
  });
  const stop = () => {
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
  };
  let exited = false;
  browserProcess.on('exit', () => { exited = true; });
  const portFile = path.join(profile, 'DevToolsActivePort');
  while (Date.now() < deadline && !exited) {
    if (fs.existsSync(portFile)) {
      const port = Number(fs.readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return { port, stop };
    }
    await sleep(100);
  }
  stop();
  throw new Error('Chromium did not start');
}

async function firstPage(port, deadline) {
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
      entries: entries().map((item, index) => ({ index, title: text(item.querySelector('.title')),
        subtitle: text(item.querySelector('.subtitle')),
        waiting: item.classList.contains('wait'), selected: item.classList.contains('selected') })),
      errors: all(document, '.console-message-wrapper.console-error-level').filter(shown).map(text),
    }),
    mark: (index) => {
      entries().forEach((item) => item.removeAttribute('data-v8hs-target'));
      entries()[index].setAttribute('data-v8hs-target', '');
    },
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
    // The Comparison grid, scrolled through: it renders only the rows in view
    comparison: async () => {
      const view = all(document, '.heap-snapshot-view').find(shown) || document;
      const grid = all(view, '.data-grid').filter(shown)
        .find((candidate) => /# New/.test(text(candidate.querySelector('thead'))));
      const rows = new Map();
      if (!grid) return [];
      const keys = [...grid.querySelectorAll('thead th')].map((th) => th.className);
      const signed = (value) => Number(value.replace(/[\u2212−]/g, '-').replace(/[^\d-]/g, '') || '0');
      const collect = () => {
        for (const row of grid.querySelectorAll('tbody tr.data-grid-data-grid-node')) {
          const cells = [...row.children].filter((td) => td.tagName === 'TD');
          const cell = (key) => cells[keys.findIndex((name) => name.includes(key))];
          const name = cell('object-column');
          if (!name || row.getAttribute('aria-level') > 1) continue;
          const copy = name.cloneNode(true);
          copy.querySelectorAll('.objects-count').forEach((badge) => badge.remove());
          rows.set(text(copy), { constructor: text(copy), added: signed(text(cell('addedCount-column'))),
            removed: signed(text(cell('removedCount-column'))) });
        }
      };
      const scroller = [grid, ...grid.querySelectorAll('*')]
        .find((element) => element.scrollHeight > element.clientHeight + 5 && /auto|scroll/.test(getComputedStyle(element).overflowY));
      collect();
      if (scroller) {
        for (let top = 0; top < scroller.scrollHeight; top += scroller.clientHeight / 2) {
          scroller.scrollTop = top;
          await new Promise((resolve) => setTimeout(resolve, 100));
          collect();
        }
        scroller.scrollTop = 0;
      }
      return [...rows.values()];
    },
  };
}

