// The offline search in a real browser, as a reader gets it: the site is
// built, put under a sub-path of a plain static server (Python's
// http.server serving a parent folder), and searched in headless Chromium.
//  - a name written only in one article's body and in one event's summary
//    (tests/fixtures/search) is typed into the header's search field: both
//    records come up, each saying what it is, and both links lead there;
//  - the two come from two parts of the index (search/pagefind/ and one
//    merged from search/pagefind/shards.json);
//  - no request goes anywhere but that server, and nothing is logged as an
//    error (a Content-Security-Policy violation would be);
//  - with JavaScript off, the search page says search needs it and links
//    the indexes, which exist.
// Usage: node tests/browser/search.mjs [path/to/dossier]
// Prints "search-checks: N passed, M failed" and exits 1 on any failure.

import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const bin = resolve(process.argv[2] ?? join(repo, 'target/debug/dossier'));
const NAME = 'Quillfeather';
const SUB = '/newsroom/investigations/harbour/';

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++; else { failed++; console.error(`FAIL ${what}`); }
};

// --- the site, under a sub-path of a folder served as it is -----------------
const work = mkdtempSync(join(tmpdir(), 'dossier-search-'));
const root = join(work, 'investigation');
cpSync(join(repo, 'tests/fixtures/base'), root, { recursive: true });
cpSync(join(repo, 'tests/fixtures/search'), root, { recursive: true });
const www = join(work, 'www');
mkdirSync(www);
execFileSync(bin, ['build', '--root', root, '--out', join(www, SUB)], { stdio: ['ignore', 'ignore', 'inherit'] });

const server = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '0', '--directory', www], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
const port = await new Promise((ok, fail) => {
  let seen = '';
  const look = (chunk) => {
    seen += chunk;
    const m = /port (\d+)/.exec(seen);
    if (m) ok(Number(m[1]));
  };
  server.stdout.on('data', look);
  server.stderr.on('data', look);
  server.on('exit', () => fail(new Error(`http.server stopped: ${seen}`)));
});
const origin = `http://127.0.0.1:${port}`;
const site = `${origin}${SUB}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const deadline = setTimeout(() => { console.error('search-checks: timed out'); process.exit(1); }, 180_000);

try {
  // --- with JavaScript: type the name into the header's field ---------------
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site, { waitUntil: 'load' });
    await page.fill('#site_search_q', NAME);
    await page.press('#site_search_q', 'Enter');
    await page.waitForURL(/\/search\/\?q=/);
    check(page.url().startsWith(`${site}search/?q=${NAME}`), `the header's field leads to the search page (${page.url()})`);
    await page.waitForSelector('.search-result', { timeout: 30_000 }).catch(() => {});
    const results = await page.$$eval('.search-result', (items) => items.map((li) => ({
      kind: li.querySelector('.search-kind')?.textContent,
      title: li.querySelector('.search-title')?.textContent,
      href: li.querySelector('.search-title a')?.href,
    })));
    check(results.length === 2, `two results for ${NAME}, got ${JSON.stringify(results)}`);
    const article = results.find((r) => r.kind === 'Article');
    const event = results.find((r) => r.kind === 'Event');
    check(article?.href === `${site}articles/quay-ledger/` && article?.title === 'The quay ledger', `the article comes up: ${JSON.stringify(article)}`);
    check(event?.href === `${site}timeline/#consultant-paid` && event?.title === 'A consultant is paid from the quay account', `the event comes up: ${JSON.stringify(event)}`);
    check((await page.inputValue('#search_q')) === NAME, 'the search page shows what was asked');
    check(/2 results/.test(await page.textContent('#search_status')), 'the status says how many were found');
    // Both results lead to the record.
    if (event) {
      await page.click(`a[href$="timeline/#consultant-paid"]`);
      await page.waitForURL(/timeline\/#consultant-paid$/);
      check(await page.$eval('#consultant-paid', (el, name) => el.textContent.includes(name), NAME).catch(() => false), 'the event result leads to the event');
      await page.goBack();
    }
    if (article) {
      const status = await page.evaluate(async (u) => (await fetch(u)).status, article.href);
      check(status === 200, `the article result leads to a page (${status})`);
    }
    // Typing updates the results, and the address keeps the query.
    await page.fill('#search_q', 'Harbour Gazette');
    await page.waitForFunction(() => /Harbour Gazette/.test(document.getElementById('search_status').textContent)
      && document.querySelector('.search-result'), null, { timeout: 10_000 }).catch(() => {});
    check(/q=Harbour(\+|%20)Gazette/.test(page.url()), `typing keeps the query in the address (${page.url()})`);
    const kinds = await page.$$eval('.search-kind', (k) => k.map((e) => e.textContent));
    check(kinds.includes('Source'), `a source comes up by its name (${kinds})`);
    const foreign = requests.filter((u) => !u.startsWith(site) && !u.startsWith('data:'));
    check(foreign.length === 0, `no request leaves the site's folder on its server: ${foreign.join(', ')}`);
    check(requests.some((u) => u.includes('/search/pagefind/')), 'the index is fetched from the site');
    // The article and the event are in different parts of the index (each
    // kind is one): both came from the parts they are in, the bundle's own
    // and one merged from shards.json.
    check(requests.some((u) => u.startsWith(`${site}search/pagefind/fragment/`)), 'a result is read from the first part of the index');
    check(requests.some((u) => /\/search\/pagefind\/\d+\/fragment\//.test(u)), `a result is read from a merged part of the index: ${requests.filter((u) => u.includes('fragment')).join(', ')}`);
    check(errors.length === 0, `no errors in the console: ${errors.join(' | ')}`);
    await context.close();
  }

  // --- without JavaScript ------------------------------------------------------
  {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site}search/?q=${NAME}`);
    const text = await page.textContent('main');
    check(/needs JavaScript/.test(text), 'without JavaScript the search page says it needs it');
    const visible = await page.isVisible('.search-fallback');
    check(visible, 'the message is shown');
    check(!(await page.isVisible('#search_q')), 'no search field that cannot work is shown');
    const links = await page.$$eval('.search-fallback a', (a) => a.map((e) => e.href));
    for (const index of ['articles/', 'actors/', 'timeline/', 'sources/']) {
      check(links.includes(`${site}${index}`), `it links ${index}`);
    }
    for (const href of links) {
      const response = await page.goto(href);
      check(response.status() === 200, `${href} exists`);
    }
    await context.close();
  }
} finally {
  clearTimeout(deadline);
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}

console.log(`search-checks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
