// The published site, checked with the tools publishers use:
//  - the Nu Html Checker (vnu-jar) on every page of several built investigations;
//  - axe-core (WCAG 2.2 A/AA) in headless Chromium on every page type, at
//    375 px and 1280 px, light and dark (the search page with results);
//  - no horizontal scrolling at 375 px;
//  - no request to any host but the site's own;
//  - screenshots of each page type under target/screenshots/.
// Usage: node tests/browser/check-site.mjs [path/to/dossier]
// Prints "site-checks: N passed, M failed" and exits 1 on any finding.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const bin = resolve(process.argv[2] ?? join(repo, 'target/debug/dossier'));
const shots = join(repo, 'target/screenshots');
mkdirSync(shots, { recursive: true });

let passed = 0;
let failed = 0;
const fail = (what) => { failed++; console.error(`FAIL ${what}`); };
const pass = () => { passed++; };

// --- build the investigations -------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'dossier-site-checks-'));
function investigation(name, overlay) {
  const root = join(work, name);
  if (name === 'example') {
    cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
  } else if (name === 'starter') {
    execFileSync(bin, ['new', root]);
  } else if (name.startsWith('cases/')) {
    cpSync(join(repo, 'tests/fixtures', name), root, { recursive: true });
  } else {
    cpSync(join(repo, 'tests/fixtures/base'), root, { recursive: true });
    if (overlay) cpSync(join(repo, 'tests/fixtures', overlay), root, { recursive: true });
  }
  if (name === 'paged') writePaged(root);
  execFileSync(bin, ['build', '--root', root], { stdio: ['ignore', 'ignore', 'inherit'] });
  return join(root, 'public');
}
// An investigation over the page budget's caps (content format 1.1, "Page
// budget"): 450 events (2020 alone over 200, so split by month) and 210
// articles, so that year, month and numbered pages are checked too, and
// an actor in all of them, whose page is split.
function writePaged(root) {
  let events = '';
  for (let i = 0; i < 450; i++) {
    const year = i < 250 ? 2020 : 2021;
    const month = String((i % 12) + 1).padStart(2, '0');
    const day = String((i % 27) + 1).padStart(2, '0');
    events += `- id: paged-${i}\n  date: ${year}-${month}-${day}\n  title: Paged event ${i}\n  summary: The Port Authority meets about item ${i}.\n  actors: [port-authority]\n  status: reported\n  tags: [paged]\n`;
  }
  writeFileSync(join(root, 'content/events/paged.yaml'), events);
  for (let i = 0; i < 210; i++) {
    writeFileSync(join(root, `content/articles/paged-${i}.md`),
      `---\ntitle: Paged story ${i}\ndate: 2021-01-${String((i % 27) + 1).padStart(2, '0')}\ntags: [paged]\n---\nThe Port Authority said nothing about item ${i}.\n`);
  }
}
const sites = {
  example: investigation('example'),
  base: investigation('base'),
  hostile: investigation('hostile', 'hostile'),
  starter: investigation('starter'),
  statements: investigation('statements', 'statements'),
  // Links into the site, footnotes and headings in texts shown together,
  // tags (content format 1.1); footnote and heading ids (case 10).
  links: investigation('links', 'links'),
  footnotes: investigation('cases/10-footnote-heading-ids'),
  paged: investigation('paged'),
};

// --- Nu Html Checker on every page ---------------------------------------------
const vnu = join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
try {
  execFileSync('java', ['-jar', vnu, '--errors-only', '--skip-non-html', ...Object.values(sites)], { stdio: 'pipe' });
  pass();
  console.log('vnu: no errors on any page of', Object.keys(sites).join(', '));
} catch (e) {
  fail(`Nu Html Checker:\n${e.stderr?.toString() ?? e}`);
}

// --- a static server per site on 127.0.0.1 ---------------------------------------
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain' };
// Each site is hosted under the path of its base_url, as a static host
// would, so that the 404 page's links (from the base path) resolve.
const basePath = (dir) => {
  const sitemap = readFileSync(join(dir, 'sitemap.xml'), 'utf8');
  const loc = /<loc>([^<]*)<\/loc>/.exec(sitemap)?.[1] ?? '/';
  return loc.includes('://') ? new URL(loc).pathname : loc;
};
function serve(dir) {
  const prefix = basePath(dir);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.includes('..')) { res.writeHead(400).end(); return; }
    path = path.startsWith(prefix) ? path.slice(prefix.length - 1) : '/__outside_the_site__';
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': types['.html'] }).end(readFileSync(join(dir, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    server.base = `http://127.0.0.1:${server.address().port}${prefix}`;
    ok(server);
  }));
}

const pageTypes = (site) => {
  const first = (section) => {
    const json = JSON.parse(readFileSync(join(sites[site], `data/${section}.json`), 'utf8'));
    return json[0]?.path;
  };
  // The statements fixture adds the pages with corrections and replies.
  const more = site === 'example'
    // The most connected actor: its diagram is the fullest.
    ? { 'connected-actor': 'actors/nso-group/' }
    : site === 'statements'
    ? { corrected: 'articles/first-story/', 'replying-actor': 'actors/city-hall/', 'corrected-source': 'sources/radio-harbour/' }
    : site === 'paged'
      ? { 'timeline-year': 'timeline/2021/', 'timeline-month': 'timeline/2020/03/', 'articles-page': 'articles/page/2/', 'tag-page': 'tags/paged/page/2/', 'split-actor': 'actors/port-authority/', 'split-actor-page': 'actors/port-authority/page/2/' }
      : {};
  // The first tag on the tag index, if any.
  const tagIndex = join(sites[site], 'tags/index.html');
  const tag = existsSync(tagIndex) ? /class="?tag-name"? href="?([^ >"]+)/.exec(readFileSync(tagIndex, 'utf8'))?.[1] : undefined;
  return {
    ...more,
    home: '', articles: 'articles/', article: first('articles'), actors: 'actors/', actor: first('actors'),
    timeline: 'timeline/', sources: 'sources/', source: first('sources'), statements: 'statements/',
    corrections: 'corrections/', tags: 'tags/',
    tag: tag && `tags/${tag.replace(/^\.\.\/tags\//, '')}`, '404': 'no/such/page/',
    // With results on it, so that they are checked too.
    search: 'search/?q=the',
  };
};

const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const deadline = setTimeout(() => { console.error('site-checks: timed out'); process.exit(1); }, 600_000);

try {
  for (const site of ['example', 'hostile', 'links', 'statements', 'paged']) {
    const server = await serve(sites[site]);
    const origin = `http://127.0.0.1:${server.address().port}`;
    for (const [type, path] of Object.entries(pageTypes(site))) {
      if (path === undefined) continue;
      for (const width of [375, 1280]) {
        for (const scheme of ['light', 'dark']) {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, javaScriptEnabled: true });
          const page = await context.newPage();
          const foreign = [];
          page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
          const problems = [];
          page.on('console', (m) => {
            // The 404 page's own status is logged by the browser; nothing else may be.
            const own404 = type === '404' && m.location()?.url?.endsWith('/no/such/page/');
            if (m.type() === 'error' && !own404) problems.push(`${m.text()} (${m.location()?.url})`);
          });
          const label = `${site} ${type} ${width}px ${scheme}`;
          const response = await page.goto(`${server.base}${path}`, { waitUntil: 'load' });
          if (type === 'search') {
            await page.waitForFunction(() => document.getElementById('search_status')?.textContent
              && (document.querySelector('.search-result') || /Nothing/.test(document.getElementById('search_status').textContent)), null, { timeout: 20_000 })
              .catch(() => fail(`${site} search: no results shown`));
          }
          const expected = type === '404' ? 404 : 200;
          if (response.status() !== expected) fail(`${label}: status ${response.status()}`); else pass();
          if (foreign.length) fail(`${label}: third-party requests ${foreign.join(', ')}`); else pass();
          if (problems.length) fail(`${label}: console errors ${problems.join(' | ')}`); else pass();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) fail(`${label}: scrolls horizontally by ${overflow}px`); else pass();
          // A correction is said to be one where it is shown: by its box's
          // own label, or by the heading of the record's own "Corrections"
          // section. (Event cards on an actor's page once lost their label
          // to the rule meant for that section, and read as replies.)
          const unlabelled = await page.evaluate(() => [...document.querySelectorAll('.corrections')].filter((box) => {
            const title = box.querySelector('.corrections-title');
            if (title && title.checkVisibility()) return false;
            const heading = box.parentElement.querySelector(':scope > h2');
            return !(heading && /Correction/.test(heading.textContent));
          }).length);
          if (unlabelled) fail(`${label}: ${unlabelled} correction(s) shown without the word "Correction"`); else pass();
          // In an actor's diagram every text is read where it is drawn:
          // inside its own node's pill, over no other node (the centre's
          // name once ran under the pills beside it, a note's second line
          // over its pill's border).
          const clashes = await page.evaluate(() => {
            const found = [];
            for (const svg of document.querySelectorAll('svg.diagram-actor')) {
              const pills = [...svg.querySelectorAll('rect.dg-pill')].map((r) => [r, r.getBoundingClientRect()]);
              for (const text of svg.querySelectorAll('text')) {
                const t = text.getBoundingClientRect();
                const own = text.closest('a')?.querySelector('rect.dg-pill');
                for (const [rect, b] of pills) {
                  const inside = t.left >= b.left && t.right <= b.right && t.top >= b.top && t.bottom <= b.bottom;
                  const apart = t.right <= b.left || t.left >= b.right || t.bottom <= b.top || t.top >= b.bottom;
                  if (rect === own ? !inside : !apart) found.push(`"${text.textContent}"`);
                }
              }
            }
            return found;
          });
          if (clashes.length) fail(`${label}: diagram text outside its node or over another: ${clashes.join(', ')}`); else pass();
          await page.addScriptTag({ content: axeSource }).catch(() => page.evaluate(axeSource));
          const result = await page.evaluate(async () =>
            // eslint-disable-next-line no-undef
            await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
          if (result.violations.length) {
            fail(`${label}: axe ${result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`).join('; ')}`);
          } else pass();
          if (site === 'example') {
            await page.screenshot({ path: join(shots, `${type}-${width}-${scheme}.png`), fullPage: width === 1280 });
          }
          await context.close();
        }
      }
    }
    server.close();
  }
  // Readable with JavaScript off: the article body is there without scripts.
  {
    const server = await serve(sites.example);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.base}${pageTypes('example').article}`);
    const text = await page.textContent('main');
    if (text.includes('Emmanuel Macron called Prime Minister Naftali Bennett')) pass(); else fail('article unreadable with JavaScript off');
    await context.close();
    server.close();
  }
} finally {
  clearTimeout(deadline);
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(`site-checks: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
