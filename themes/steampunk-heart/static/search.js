// The search page of a dossier site: runs Pagefind's index, which dossier
// writes into the site (search/pagefind/), in the reader's browser. Nothing
// leaves the page: the index is fetched from the site's own folder. The page
// works without this script too: it then says that search needs JavaScript
// and links the indexes.
//
// No HTML from the index is inserted as markup: titles and kinds are set as
// text, and excerpts are rebuilt from their text and <mark> elements only.

const app = document.getElementById("search_app");
const fallback = document.getElementById("search_fallback");
const form = app.querySelector("form");
const input = document.getElementById("search_q");
const status = document.getElementById("search_status");
const list = document.getElementById("search_results");
const more = document.getElementById("search_more");

// How many results are shown at first, and added by "Show more results".
const PAGE = 12;

// Where the site and its index are: relative URLs in the page, so the site
// works under any path prefix.
const siteRoot = new URL(app.dataset.root || "./", document.baseURI);
const bundle = new URL(app.dataset.bundle, document.baseURI);

let pagefind = null;
let shown = [];
let latest = 0;

function setStatus(text) {
  status.textContent = text;
}

// The excerpt as text with its <mark>s, whatever else it holds.
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = document.createDocumentFragment();
  for (const node of doc.body.firstChild?.childNodes ?? []) {
    if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const kind = document.createElement("p");
  kind.className = "search-kind";
  kind.textContent = data.meta?.kind ?? "Page";
  const title = document.createElement("h2");
  title.className = "search-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta?.title || data.url;
  title.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.append(excerptNodes(data.excerpt ?? ""));
  li.append(kind, title, excerpt);
  return li;
}

async function showMore(run) {
  const next = shown.slice(list.children.length, list.children.length + PAGE);
  const data = await Promise.all(next.map((r) => r.data()));
  if (run !== latest) return;
  for (const d of data) list.append(resultItem(d));
  more.hidden = list.children.length >= shown.length;
}

async function search(query, { immediate = false } = {}) {
  const run = ++latest;
  const q = query.trim();
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!q) {
    shown = [];
    list.replaceChildren();
    more.hidden = true;
    setStatus("Type a name or words to find.");
    return;
  }
  const found = immediate ? await pagefind.search(q) : await pagefind.debouncedSearch(q, {}, 250);
  // A newer search has started meanwhile (debouncedSearch answers null).
  if (found === null || run !== latest) return;
  shown = found.results;
  list.replaceChildren();
  const n = shown.length;
  setStatus(n === 0 ? `Nothing found for “${q}”.` : `${n} result${n === 1 ? "" : "s"} for “${q}”.`);
  await showMore(run);
}

// The index is in parts (dossier indexes them in parallel): the first is
// Pagefind's own bundle, the others are listed in shards.json and merged
// into it, so that one search asks all of them.
async function loadShards() {
  const response = await fetch(new URL("shards.json", bundle));
  if (!response.ok) throw new Error(`shards.json: ${response.status}`);
  const dirs = await response.json();
  return dirs.map((dir) => new URL(dir, bundle).pathname);
}

async function start() {
  try {
    const shards = loadShards();
    pagefind = await import(new URL("pagefind.js", bundle).href);
    const options = { baseUrl: siteRoot.pathname, excerptLength: 24 };
    await pagefind.options(options);
    await pagefind.init();
    await Promise.all((await shards).map((path) => pagefind.mergeIndex(path, options)));
  } catch (e) {
    fallback.querySelector(".search-needs-js").textContent =
      "The search index of this site could not be loaded. Every record can still be found from the indexes:";
    return;
  }
  fallback.hidden = true;
  app.hidden = false;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    search(input.value, { immediate: true });
  });
  input.addEventListener("input", () => search(input.value));
  more.addEventListener("click", () => showMore(latest));
  const q = new URLSearchParams(location.search).get("q") ?? "";
  input.value = q;
  await search(q, { immediate: true });
}

start();
