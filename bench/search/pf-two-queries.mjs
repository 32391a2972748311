// Bytes Pagefind's own pagefind.js fetches for a first query with its five result fragments, then for a second
// query, in Node over the site's files (as ../shared/bench/pf-query-bytes.mjs counts one query).
//   node pf-two-queries.mjs SITE_DIR FIRST_QUERY SECOND_QUERY
import fs from 'fs';
import path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';

const [site, first, second] = process.argv.slice(2);
const log = [];
globalThis.fetch = async (u) => {
  const s = typeof u === 'string' ? u : u.url ?? String(u);
  const p = s.startsWith('file:') ? fileURLToPath(s) : path.join(site, s.replace(/^https?:\/\/[^/]+/, ''));
  const buf = fs.readFileSync(p.split('?')[0]);
  log.push(buf.length);
  return new Response(buf);
};
globalThis.window = globalThis;
globalThis.Worker = undefined;
const js = path.join(site, 'pagefind', 'pagefind.js');
const pf = await import(pathToFileURL(js).href);
await pf.options({ basePath: pathToFileURL(path.join(site, 'pagefind') + '/').href });
await pf.init();
const sum = () => log.reduce((a, b) => a + b, 0);
const r1 = await pf.search(first);
await Promise.all(r1.results.slice(0, 5).map((x) => x.data()));
const firstBytes = fs.statSync(js).size + sum();
const before = sum();
const r2 = await pf.search(second);
await Promise.all(r2.results.slice(0, 5).map((x) => x.data()));
console.log(JSON.stringify({ first, second, hits1: r1.results.length, hits2: r2.results.length,
  first_query_bytes: firstBytes, second_query_bytes: sum() - before }));
