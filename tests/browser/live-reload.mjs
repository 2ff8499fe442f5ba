// Live reload in a real browser: `dossier serve` on a copy of the base
// fixture, Chromium on the article page; an edit to the article must show
// up without anyone reloading the page, an error must show the error page,
// and the fix must bring the article back.
//
// usage: node tests/browser/live-reload.mjs [path/to/dossier]
// (default target/debug/dossier; run from the repository's root)

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.resolve(process.argv[2] ?? path.join(repo, 'target', 'debug', 'dossier'));
const WAIT = 15000;

let server = null;
let browser = null;
let tmp = null;
let serverOutput = '';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function startServer(root, port) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--root', root, '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    server = child;
    let pending = '';
    const timer = setTimeout(() => reject(new Error(`dossier serve did not start:\n${serverOutput}`)), 30000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dossier serve exited (${code}):\n${serverOutput}`));
    });
    child.stderr.on('data', (d) => { serverOutput += d; });
    child.stdout.on('data', (d) => {
      serverOutput += d;
      pending += d;
      const m = pending.match(/^serving .* at (http:\/\/\S+) \(Ctrl-C to stop\)$/m);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
}

async function stop() {
  if (browser) { await browser.close().catch(() => {}); browser = null; }
  if (server && server.exitCode === null) server.kill('SIGKILL');
  server = null;
  if (tmp) { fs.rmSync(tmp, { recursive: true, force: true }); tmp = null; }
}

/** Polls `check` (which may fail while the page navigates) until it gives a truthy value. */
async function until(what, check, timeout = WAIT) {
  const end = Date.now() + timeout;
  let last = null;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e; // the page is between two loads
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${timeout} ms${last ? ` (last error: ${last.message})` : ''}`);
}

const bodyText = (page) => page.evaluate(() => (document.body ? document.body.innerText : ''));

async function main() {
  if (!fs.existsSync(bin)) throw new Error(`no dossier binary at ${bin} (build it first)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-live-'));
  fs.cpSync(path.join(repo, 'tests', 'fixtures', 'base'), tmp, { recursive: true });
  const url = await startServer(tmp, await freePort());

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A short window, so that the article scrolls.
  const page = await browser.newPage({ viewport: { width: 800, height: 300 } });
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  const article = new URL('articles/first-story/', url).href;
  const response = await page.goto(article, { waitUntil: 'load' });
  if (response.status() !== 200) throw new Error(`article: status ${response.status()}`);
  if (!(await bodyText(page)).includes('declined to comment')) throw new Error('article text missing');
  // The live-reload script is running: it has opened the event stream.
  const scripts = await page.$$eval('script[src="/__dossier/live.js"]', (s) => s.length);
  if (scripts !== 1) throw new Error(`expected one live.js script, found ${scripts}`);

  // Scroll down, and mark this load of the page to tell it from the next.
  const scrollable = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  const target = Math.min(200, Math.floor(scrollable));
  await page.evaluate((y) => { window.scrollTo(0, y); window.__dossierTestMarker = 1; }, target);
  await page.waitForTimeout(300); // let the event stream connect

  // 1. An edit shows up by itself.
  const file = path.join(tmp, 'content', 'articles', 'first-story.md');
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace('Jane Roe declined to comment.', 'Jane Roe refused to say anything at all.'));
  await until('the edited sentence', async () => (await bodyText(page)).includes('refused to say anything at all'));
  if (await page.evaluate(() => window.__dossierTestMarker === 1)) throw new Error('the page changed without reloading');
  if (target > 20) {
    const y = await until('the scroll position', async () => {
      const y = await page.evaluate(() => window.scrollY);
      return Math.abs(y - target) <= 5 ? y : null;
    }, 5000);
    if (Math.abs(y - target) > 5) throw new Error(`scroll ${y}, expected ${target}`);
  }

  // 2. An error shows the error page, in the same tab.
  const actors = path.join(tmp, 'content', 'actors.yaml');
  const good = fs.readFileSync(actors, 'utf8');
  fs.writeFileSync(actors, good.replace('  name: Acme Shipping\n', '  name: [Acme <Shipping>\n'));
  await until('the error page', async () => {
    const t = await bodyText(page);
    return t.includes('content/actors.yaml') && t.includes('The site has');
  });
  const overlayStyled = await page.evaluate(() =>
    [...document.styleSheets].some((s) => s.href && s.href.endsWith('/__dossier/overlay.css') && s.cssRules.length > 0));
  if (!overlayStyled) throw new Error('the error page has no style sheet');
  if ((await page.$$('script[src="/__dossier/live.js"]')).length !== 1) throw new Error('the error page does not reload');

  // 3. The fix brings the article back.
  fs.writeFileSync(actors, good);
  await until('the fixed article', async () => {
    const t = await bodyText(page);
    return t.includes('refused to say anything at all') && !t.includes('The site has');
  });

  if (problems.length) throw new Error(`browser console:\n${problems.join('\n')}`);
}

const guard = setTimeout(async () => {
  console.error('live-reload: timed out');
  console.log('live-reload: 0 passed, 1 failed');
  await stop();
  process.exit(1);
}, 120000);

try {
  await main();
  console.log('live-reload: 1 passed, 0 failed');
  process.exitCode = 0;
} catch (e) {
  console.error(`live-reload: ${e.stack || e}`);
  if (serverOutput) console.error(`dossier serve said:\n${serverOutput}`);
  console.log('live-reload: 0 passed, 1 failed');
  process.exitCode = 1;
} finally {
  clearTimeout(guard);
  await stop();
}
