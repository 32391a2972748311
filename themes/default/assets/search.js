// Paved search: queries the static index that Lucene built at build time, with no server.
//
// Analysis and planning mirror dev.paved.search.SearchAnalyzer and dev.paved.search.QueryPlan exactly, and
// scores are the integers Lucene's BM25 gave each (term, document) pair, so the ranking is Lucene's.
// The file layout is described in dev.paved.search.StaticIndex. Plain ES module, no bundler, no dependencies.

const LOWER = 0x01, UPPER = 0x02, DIGIT = 0x04, DELIM = 0x08, ALPHA = 0x03;
const TOKEN_CHAR = /[\p{L}\p{Nd}]/u;
const RE_LU = /\p{Lu}/u, RE_LL = /\p{Ll}/u, RE_OTHER_ALPHA = /[\p{Lt}\p{Lm}\p{Lo}\p{Mn}\p{Me}\p{Mc}]/u;
const RE_NUMBER = /[\p{Nd}\p{Nl}\p{No}]/u;
const RE_LOWERCASE = /\p{Lowercase}/u, RE_UPPERCASE = /\p{Uppercase}/u, RE_ND = /\p{Nd}/u;

// WordDelimiterIterator's table for chars below 256: Character.isLowerCase / isUpperCase / isDigit.
const LATIN = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  const c = String.fromCharCode(i);
  LATIN[i] = RE_LOWERCASE.test(c) ? LOWER : RE_UPPERCASE.test(c) ? UPPER : RE_ND.test(c) ? DIGIT : DELIM;
}

/** WordDelimiterIterator.getType for one UTF-16 code unit. */
function charType(unit) {
  if (unit < 256) return LATIN[unit];
  if (unit >= 0xd800 && unit <= 0xdfff) return ALPHA | DIGIT;
  const c = String.fromCharCode(unit);
  if (RE_LU.test(c)) return UPPER;
  if (RE_LL.test(c)) return LOWER;
  if (RE_OTHER_ALPHA.test(c)) return ALPHA;
  if (RE_NUMBER.test(c)) return DIGIT;
  return DELIM;
}

function isBreak(lastType, type) {
  if ((type & lastType) !== 0) return false;
  if ((lastType & UPPER) !== 0 && (type & ALPHA) !== 0) return false;
  return true; // splitOnCaseChange and splitOnNumerics are on
}

/** CharTokenizer over Character.isLetterOrDigit: [text, start, end] per token. */
function tokenize(text, maxLength) {
  const out = [];
  let term = '', start = 0, end = 0;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i);
    const width = cp > 0xffff ? 2 : 1;
    if (TOKEN_CHAR.test(String.fromCodePoint(cp))) {
      if (term.length === 0) start = i;
      term += String.fromCodePoint(cp);
      end = i + width;
      i += width;
      if (term.length >= maxLength) { out.push([term, start, end]); term = ''; }
    } else {
      if (term.length > 0) { out.push([term, start, end]); term = ''; }
      i += width;
    }
  }
  if (term.length > 0) out.push([term, start, end]);
  return out;
}

/** WordDelimiterGraphFilter with PRESERVE_ORIGINAL: the token if it is one part, else it and its parts. */
function splitParts(token) {
  const [text, start] = token;
  const parts = [];
  let current = 0;
  while (current < text.length) {
    let lastType = charType(text.charCodeAt(current));
    let end = current + 1;
    for (; end < text.length; end++) {
      const type = charType(text.charCodeAt(end));
      if (isBreak(lastType, type)) break;
      lastType = type;
    }
    parts.push([text.slice(current, end), start + current, start + end]);
    current = end;
  }
  return parts.length <= 1 ? [token] : [token, ...parts];
}

/** LowerCaseFilter: Character.toLowerCase per code point (simple case mapping). */
function lowerCase(text) {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += [...lower].length === 1 ? lower : ch === '\u0130' ? 'i' : ch;
  }
  return out;
}

/** EnglishMinimalStemmer (Harman's S-stemmer), on UTF-16 code units. */
function stem(s) {
  const len = s.length;
  if (len < 3 || s[len - 1] !== 's') return s;
  switch (s[len - 2]) {
    case 'u':
    case 's':
      return s;
    case 'e':
      if (len > 3 && s[len - 3] === 'i' && s[len - 4] !== 'a' && s[len - 4] !== 'e') {
        return s.slice(0, len - 3) + 'y';
      }
      if (s[len - 3] === 'i' || s[len - 3] === 'a' || s[len - 3] === 'o' || s[len - 3] === 'e') return s;
      return s.slice(0, len - 1);
    default:
      return s.slice(0, len - 1);
  }
}

/** The analyzed tokens of a text: [term, start, end]; stemmed and without stop words unless raw. */
export function analyze(text, manifest, raw = false) {
  const stop = manifest.stopWordSet || (manifest.stopWordSet = new Set(manifest.stopWords));
  const out = [];
  for (const token of tokenize(text, manifest.maxTokenLength)) {
    for (const [part, start, end] of splitParts(token)) {
      const lower = lowerCase(part);
      if (raw) out.push([lower, start, end]);
      else if (!stop.has(lower)) out.push([stem(lower), start, end]);
    }
  }
  return out;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function varint(bytes, cursor) {
  let value = 0, shift = 0;
  for (;;) {
    const b = bytes[cursor.at++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return value;
    shift += 7;
  }
}

const utf8 = new TextDecoder();

/** An opened static index: {@code search(query, options)} answers as Lucene's IndexSearcher ranks. */
class StaticIndex {
  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.shards = new Map();
    this.files = new Map();
    this.bytesFetched = 0;
    this.requests = 0;
  }

  async fetchBytes(path) {
    if (!this.files.has(path)) {
      this.files.set(path, (async () => {
        const response = await fetch(this.base + this.manifest.base + path);
        if (!response.ok) throw new Error(`search index file ${path}: HTTP ${response.status}`);
        let bytes = new Uint8Array(await response.arrayBuffer());
        this.bytesFetched += bytes.length;
        this.requests++;
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) { // served as stored; a server may also have decoded it
          const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
          bytes = new Uint8Array(await new Response(stream).arrayBuffer());
        }
        return bytes;
      })());
    }
    return this.files.get(path);
  }

  async fetchJson(path) {
    return JSON.parse(utf8.decode(await this.fetchBytes(path)));
  }

  /** The content hash in the name of numbered file n of kind t or d (six hex digits each, in the manifest). */
  hash(kind, n) {
    return this.manifest.hashes[kind].substr(n * 6, 6);
  }

  shardOf(term) {
    const first = this.manifest.shards;
    let lo = 0, hi = first.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (compare(first[mid], term) <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  async shard(n) {
    if (!this.shards.has(n)) {
      this.shards.set(n, this.fetchBytes(`t/${n}.${this.hash('t', n)}.bin`).then((bytes) => {
        const entries = new Map();
        const cursor = { at: 0 };
        while (cursor.at < bytes.length) {
          const length = varint(bytes, cursor);
          const term = utf8.decode(bytes.subarray(cursor.at, cursor.at + length));
          cursor.at += length;
          const count = varint(bytes, cursor);
          const file = varint(bytes, cursor);
          let hash = '';
          if (file > 0) {
            for (let i = 0; i < 3; i++) hash += bytes[cursor.at + i].toString(16).padStart(2, '0');
            cursor.at += 3;
          }
          entries.set(term, { count, file, hash, offset: cursor.at, bytes });
          if (file === 0) for (let i = 0; i < 2 * count; i++) varint(bytes, cursor);
        }
        return entries;
      }));
    }
    return this.shards.get(n);
  }

  /** The index terms a query looks up, as QueryPlan computes them. */
  async plan(query) {
    const m = this.manifest;
    const terms = [];
    const seen = new Set();
    for (const [term] of analyze(query, m)) {
      if (terms.length === m.maxTerms) break;
      if (!seen.has(term)) { seen.add(term); terms.push(term); }
    }
    for (const prefix of this.openPrefixes(query)) {
      for (const term of await this.completions(prefix)) {
        if (!seen.has(term)) { seen.add(term); terms.push(term); }
      }
    }
    return terms;
  }

  openPrefixes(query) {
    if (query.length === 0) return [];
    const last = query.codePointAt(query.length - 1 - (/[\udc00-\udfff]$/.test(query) ? 1 : 0));
    if (!TOKEN_CHAR.test(String.fromCodePoint(last))) return [];
    const out = [];
    for (const [term, , end] of analyze(query, this.manifest, true)) {
      if (end === query.length && term.length >= this.manifest.minPrefix && !out.includes(term)) out.push(term);
    }
    return out;
  }

  async completions(prefix) {
    const first = Math.max(0, this.shardOf(prefix));
    const last = this.shardOf(prefix + '\uffff');
    if (last < 0 || last - first + 1 > this.manifest.maxPrefixShards) return [];
    const found = [];
    for (let s = first; s <= last; s++) {
      for (const [term, entry] of await this.shard(s)) if (term.startsWith(prefix)) found.push([term, entry.count]);
    }
    found.sort((a, b) => (b[1] - a[1]) || compare(a[0], b[0]));
    return found.slice(0, this.manifest.maxExpansions).map(([term]) => term);
  }

  async postings(term) {
    const s = this.shardOf(term);
    if (s < 0) return null;
    const entry = (await this.shard(s)).get(term);
    if (!entry) return null;
    if (entry.file === 0) return { bytes: entry.bytes, offset: entry.offset, count: entry.count };
    return { bytes: await this.fetchBytes(`p/${entry.file - 1}.${entry.hash}.bin`), offset: 0, count: entry.count };
  }

  async facetTable() {
    if (!this.facets) this.facets = this.fetchJson(`facets.${this.manifest.hashes.facets}.json.gz`);
    return this.facets;
  }

  async document(n) {
    const size = this.manifest.chunkSize;
    const chunk = Math.floor(n / size);
    const rows = await this.fetchJson(`d/${chunk}.${this.hash('d', chunk)}.json.gz`);
    const [url, title, context, excerpt] = rows[n % size];
    return { url, title, context, excerpt };
  }

  /**
   * Answers a query: {total, hits: [{doc, score, url, title, context, excerpt}], terms, facets}. Ties are broken
   * by document number, lowest first, as Lucene breaks them. Options: limit (10), filters ({kind: 'API'}),
   * facets (whether to count facet values over all matches; loads the facet table).
   */
  async search(query, options = {}) {
    const limit = options.limit ?? 10;
    const filters = Object.entries(options.filters || {}).filter(([, v]) => v);
    const terms = await this.plan(String(query));
    const scores = new Int32Array(this.manifest.documents);
    const matched = [];
    const lists = await Promise.all(terms.map((t) => this.postings(t)));
    for (const list of lists) {
      if (!list) continue;
      const cursor = { at: list.offset };
      let doc = 0;
      for (let i = 0; i < list.count; i++) {
        doc += varint(list.bytes, cursor);
        if (scores[doc] === 0) matched.push(doc);
        scores[doc] += varint(list.bytes, cursor);
      }
    }
    let matches = matched;
    let facets = null;
    if (matched.length > 0 && (filters.length > 0 || options.facets)) {
      const table = await this.facetTable();
      matches = matched.filter((d) => filters.every(([f, v]) => {
        const facet = table[f];
        return facet && facet.docs[d] > 0 && facet.values[facet.docs[d] - 1] === v;
      }));
      if (options.facets) {
        facets = {};
        for (const f of this.manifest.facets) {
          const counts = new Map();
          for (const d of matches) {
            const o = table[f].docs[d];
            if (o > 0) counts.set(table[f].values[o - 1], (counts.get(table[f].values[o - 1]) || 0) + 1);
          }
          facets[f] = [...counts].sort((a, b) => (b[1] - a[1]) || compare(a[0], b[0]));
        }
      }
    }
    matches.sort((a, b) => (scores[b] - scores[a]) || (a - b));
    const top = matches.slice(0, limit);
    const hits = await Promise.all(top.map(async (doc) => ({ doc, score: scores[doc], ...(await this.document(doc)) })));
    return { total: matches.length, hits, terms, facets };
  }
}

/** Opens the index whose manifest is at {@code manifestUrl} (e.g. {@code search/manifest.json}). */
export async function openIndex(manifestUrl) {
  // In a page, relative to it; elsewhere (Node, workers), the URL must be absolute.
  const url = new URL(manifestUrl, typeof document !== 'undefined' ? document.baseURI : undefined);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`search manifest: HTTP ${response.status}`);
  const text = await response.text();
  const index = new StaticIndex(new URL('.', url).href, JSON.parse(text));
  index.bytesFetched = text.length;
  index.requests = 1;
  return index;
}

/**
 * The text of an excerpt as [text, marked] pieces around the first matched word, at most {@code width} chars.
 * Marked pieces are words whose analyzed terms were looked up or that start with the word being typed.
 */
export function snippet(excerpt, query, terms, manifest, width = 180) {
  const wanted = new Set(terms);
  const prefixes = analyze(query, manifest, true).map(([t]) => t).filter((t) => t.length >= manifest.minPrefix);
  const marks = [];
  for (const token of tokenize(excerpt, manifest.maxTokenLength)) {
    const analyzed = analyze(token[0], manifest);
    const lower = lowerCase(token[0]);
    if (analyzed.some(([t]) => wanted.has(t)) || prefixes.some((p) => lower.startsWith(p))) {
      marks.push([token[1], token[2]]);
    }
  }
  let from = 0;
  if (marks.length > 0 && marks[0][0] > width / 3) {
    from = excerpt.lastIndexOf(' ', marks[0][0] - Math.floor(width / 4)) + 1;
  }
  const to = Math.min(excerpt.length, from + width);
  const pieces = [];
  if (from > 0) pieces.push(['…', false]);
  let at = from;
  for (const [s, e] of marks) {
    if (s < at || e > to) continue;
    if (s > at) pieces.push([excerpt.slice(at, s), false]);
    pieces.push([excerpt.slice(s, e), true]);
    at = e;
  }
  if (at < to) pieces.push([excerpt.slice(at, to), false]);
  if (to < excerpt.length && !excerpt.endsWith('…')) pieces.push(['…', false]);
  return pieces;
}

// ---- The search box and the search page ----

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text; // text only: titles and excerpts are never parsed as HTML
  return e;
}

function resultItem(hit, query, result, manifest, root, tag) {
  const a = el(tag, 'search-hit');
  a.href = root + hit.url;
  a.append(el('span', 'search-context', hit.context), el('span', 'search-title', hit.title));
  const text = el('span', 'search-snippet');
  for (const [piece, marked] of snippet(hit.excerpt, query, result.terms, manifest)) {
    text.append(marked ? el('mark', '', piece) : document.createTextNode(piece));
  }
  a.append(text);
  return a;
}

function setUpBox(box) {
  const root = box.dataset.root || '';
  const input = box.querySelector('input');
  // The results pop up below the box: a list box of options (the hits), then a link to all results; or a message.
  const popup = box.querySelector('.search-results');
  const list = popup.querySelector('[role=listbox]');
  let index = null;
  let sequence = 0;
  let active = -1;
  const load = () => (index ||= openIndex(box.dataset.index));

  const options = () => [...list.querySelectorAll('a.search-hit')];
  const highlight = (n) => {
    const items = options();
    active = items.length === 0 ? -1 : (n + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', items[active].id);
      items[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };
  const close = () => { popup.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };

  async function run() {
    const query = input.value;
    const mine = ++sequence;
    if (query.trim() === '') { close(); list.replaceChildren(); popup.replaceChildren(list); return; }
    let result;
    const idx = await load().catch(() => null);
    try {
      if (!idx) throw new Error('no index');
      result = await idx.search(query, { limit: 8 });
    } catch (e) {
      result = null;
    }
    if (mine !== sequence) return; // a newer query is on its way
    list.replaceChildren();
    if (!result || result.hits.length === 0) {
      const message = el('p', 'search-empty', result ? `No results for “${query}”`
        : 'Search is unavailable here: open the portal over HTTP to search.');
      message.setAttribute('role', 'status');
      list.hidden = true;
      popup.replaceChildren(list, message);
    } else {
      result.hits.forEach((hit, i) => {
        const a = resultItem(hit, query, result, idx.manifest, root, 'a');
        a.id = `search-hit-${i}`;
        a.setAttribute('role', 'option');
        list.append(a);
      });
      const all = el('a', 'search-all', `All ${result.total} results`);
      all.href = `${root}search/index.html?q=${encodeURIComponent(query)}`;
      list.hidden = false;
      popup.replaceChildren(list, all);
    }
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(0);
  }

  input.addEventListener('focus', () => { load(); });
  input.addEventListener('input', run);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); if (popup.hidden) run(); else highlight(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
    else if (e.key === 'Escape') { close(); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      const items = options();
      if (active >= 0 && items[active]) window.location.href = items[active].href;
      else if (input.value.trim()) window.location.href = `${root}search/index.html?q=${encodeURIComponent(input.value)}`;
    }
  });
  document.addEventListener('click', (e) => { if (!box.contains(e.target)) close(); });
  document.addEventListener('keydown', (e) => {
    const target = e.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); input.focus(); input.select(); }
  });
}

function setUpPage(page) {
  const root = page.dataset.root || '';
  const input = page.querySelector('input[type=search]');
  const facetsBox = page.querySelector('.search-facets');
  const summary = page.querySelector('.search-summary');
  const results = page.querySelector('.search-page-results');
  const params = new URLSearchParams(window.location.search);
  input.value = params.get('q') || '';
  const filters = {};
  let index = null;
  let sequence = 0;

  async function run() {
    const mine = ++sequence;
    const query = input.value;
    const url = new URL(window.location.href);
    url.searchParams.set('q', query);
    for (const f of ['kind', 'type', 'owner', 'lifecycle']) {
      if (filters[f]) url.searchParams.set(f, filters[f]); else url.searchParams.delete(f);
    }
    history.replaceState(null, '', url);
    index ||= openIndex(page.dataset.index);
    const idx = await index;
    const result = await idx.search(query, { limit: 50, filters, facets: true });
    if (mine !== sequence) return;
    summary.textContent = query.trim() === '' ? '' : `${result.total} results`;
    facetsBox.replaceChildren();
    for (const f of idx.manifest.facets) {
      const counts = (result.facets && result.facets[f]) || [];
      if (counts.length === 0 && !filters[f]) continue;
      const label = el('label', 'search-facet', f[0].toUpperCase() + f.slice(1) + ' ');
      const select = el('select');
      select.name = f;
      select.append(new Option('Any', ''));
      for (const [value, count] of counts) select.append(new Option(`${value} (${count})`, value));
      if (filters[f] && !counts.some(([v]) => v === filters[f])) select.append(new Option(`${filters[f]} (0)`, filters[f]));
      select.value = filters[f] || '';
      select.addEventListener('change', () => { filters[f] = select.value; run(); });
      label.append(select);
      facetsBox.append(label);
    }
    results.replaceChildren(...result.hits.map((hit) => {
      const li = el('li');
      li.append(resultItem(hit, query, result, idx.manifest, root, 'a'));
      return li;
    }));
  }

  for (const f of ['kind', 'type', 'owner', 'lifecycle']) if (params.get(f)) filters[f] = params.get(f);
  input.addEventListener('input', run);
  run();
}

if (typeof document !== 'undefined') {
  document.querySelectorAll('[data-search-box]').forEach(setUpBox);
  document.querySelectorAll('[data-search-page]').forEach(setUpPage);
}
