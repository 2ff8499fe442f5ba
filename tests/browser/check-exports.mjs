// The exports, read by the tools they are made for:
//  - data/entities.ftm.json by the real `followthemoney` Python library
//    (tests/export/validate_ftm.py: every entity valid, every reference
//    resolved);
//  - data/timeline.json by the real TimelineJS3 (its npm package, served
//    from 127.0.0.1 with the site) in headless Chromium: every event is a
//    slide, with its headline, and nothing goes wrong on the way (no
//    console error, no TimelineJS error message, no other host asked).
// Investigations: the example, the base fixture (alone and with the FtM
// overlay of every link schema), and TimelineJS's own sample timelines
// kept as sheets (tests/fixtures/timelinejs/).
// Usage: node tests/browser/check-exports.mjs [path/to/dossier]
// Prints "export-checks: N passed, M failed" and exits 1 on any finding.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const bin = resolve(process.argv[2] ?? join(repo, 'target/debug/dossier'));

let passed = 0;
let failed = 0;
const fail = (what) => { failed++; console.error(`FAIL ${what}`); };
const pass = () => { passed++; };

// --- build the investigations -------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'dossier-export-checks-'));
function investigation(name, from, overlay) {
  const root = join(work, name);
  cpSync(from, root, { recursive: true });
  if (overlay) cpSync(overlay, root, { recursive: true });
  execFileSync(bin, ['build', '--root', root], { stdio: ['ignore', 'ignore', 'inherit'] });
  return join(root, 'public');
}
const sites = {
  example: (() => {
    const root = join(work, 'example');
    cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
    execFileSync(bin, ['build', '--root', root], { stdio: ['ignore', 'ignore', 'inherit'] });
    return join(root, 'public');
  })(),
  base: investigation('base', join(repo, 'tests/fixtures/base')),
  // Every kind of actor, relations naming each FtM link schema, dates FtM cannot hold.
  ftm: investigation('ftm', join(repo, 'tests/fixtures/base'), join(repo, 'tests/fixtures/ftm')),
  // Id links, relative references, footnotes in summaries.
  links: investigation('links', join(repo, 'tests/fixtures/base'), join(repo, 'tests/fixtures/links')),
  // Statements of every kind, replies due, corrections.
  statements: investigation('statements', join(repo, 'tests/fixtures/base'), join(repo, 'tests/fixtures/statements')),
};
const sheets = join(repo, 'tests/fixtures/timelinejs/sheets');
for (const name of readdirSync(sheets)) sites[name] = investigation(name, join(sheets, name));

// --- FollowTheMoney, with its own library ---------------------------------------
try {
  const files = Object.values(sites).map((dir) => join(dir, 'data/entities.ftm.json'));
  const out = execFileSync('python3', [join(repo, 'tests/export/validate_ftm.py'), ...files], { encoding: 'utf8' });
  process.stdout.write(out);
  pass();
} catch (e) {
  fail(`followthemoney:\n${e.stdout ?? ''}${e.stderr ?? e}`);
}

// --- TimelineJS in Chromium ------------------------------------------------------
const tljs = join(here, 'node_modules/@knight-lab/timelinejs/dist');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject' };
// A page that shows the site's data/timeline.json with TimelineJS, as a
// newsroom hosting TimelineJS itself would embed it (its web fonts, which
// come from another host, left out: `font: null`).
const embed = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>timeline</title>
<link rel="stylesheet" href="/__timelinejs/css/timeline.css"></head>
<body><div id="timeline-embed" style="width:100%;height:600px"></div>
<script src="/__timelinejs/js/timeline.js"></script>
<script>
window.__loaded = false;
window.timeline = new TL.Timeline('timeline-embed', new URL('/data/timeline.json', location.href).href, { script_path: new URL('/__timelinejs/js/', location.href).href, font: null });
window.timeline.on('loaded', () => { window.__loaded = true; });
</script></body></html>`;
function serve(dir) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.includes('..')) { res.writeHead(400).end(); return; }
    if (path === '/__embed.html') { res.writeHead(200, { 'content-type': types['.html'] }).end(embed); return; }
    const file = path.startsWith('/__timelinejs/') ? join(tljs, path.slice('/__timelinejs/'.length)) : join(dir, path);
    if (!existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const deadline = setTimeout(() => { console.error('export-checks: timed out'); process.exit(1); }, 300_000);
try {
  for (const [name, dir] of Object.entries(sites)) {
    const data = JSON.parse(readFileSync(join(dir, 'data/timeline.json'), 'utf8'));
    const server = await serve(dir);
    const origin = `http://127.0.0.1:${server.address().port}`;
    const page = await browser.newPage();
    const foreign = [];
    // No other host, ever: asked for is a finding, and never answered.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${origin}/__embed.html`, { waitUntil: 'load' });
    const loaded = await page.waitForFunction(() => window.__loaded === true, null, { timeout: 30_000 }).then(() => true, () => false);
    if (!loaded) fail(`${name}: TimelineJS never loaded data/timeline.json`); else pass();
    // TimelineJS shows what it could not read in its own message box.
    const message = await page.evaluate(() => document.querySelector('.tl-message-full')?.textContent?.trim() ?? '');
    if (message) fail(`${name}: TimelineJS says "${message}"`); else pass();
    // Every event is a slide with its id and headline.
    const slides = await page.evaluate(() => [...document.querySelectorAll('.tl-slide')].map((s) => ({ id: s.id, headline: s.querySelector('.tl-headline')?.textContent?.trim() ?? '' })));
    const missing = data.events.filter((e) => !slides.some((s) => s.id === e.unique_id && s.headline.length > 0));
    if (missing.length) fail(`${name}: ${missing.length} of ${data.events.length} events are no slide: ${missing.slice(0, 5).map((e) => e.unique_id).join(', ')}`); else pass();
    if (data.events.length === 0) fail(`${name}: the timeline has no events`); else pass();
    // The title slide carries the site's title.
    const title = await page.evaluate(() => document.querySelector('.tl-slide-titleslide .tl-headline-title, .tl-slide-titleslide .tl-headline')?.textContent?.trim() ?? '');
    if (!title) fail(`${name}: no title slide`); else pass();
    if (foreign.length) fail(`${name}: requests to other hosts: ${foreign.join(', ')}`); else pass();
    if (problems.length) fail(`${name}: console errors: ${problems.join(' | ')}`); else pass();
    console.log(`timelinejs: ${name}: ${slides.length} slides for ${data.events.length} events`);
    await page.close();
    server.close();
  }
} finally {
  clearTimeout(deadline);
  await browser.close();
}
console.log(`export-checks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
