// Bytes Paved's search module fetches for a first query and its five results, then for a second query on another
// term, counted in Node over the site's files (the same module the browser runs; fetch reads the disk).
//   node pv-query-bytes.mjs SITE_DIR FIRST_QUERY SECOND_QUERY
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

const [site, first, second] = process.argv.slice(2);
const files = [];
globalThis.fetch = async (u) => {
  const p = path.join(site, new URL(String(u)).pathname);
  const buf = fs.readFileSync(p);
  files.push([path.relative(site, p), buf.length]);
  return new Response(buf);
};
const assets = fs.readdirSync(path.join(site, 'assets'));
const module = assets.find((f) => /^search\.[0-9a-f]+\.js$/.test(f));
const moduleBytes = fs.statSync(path.join(site, 'assets', module)).size;
const search = await import(pathToFileURL(path.join(site, 'assets', module)).href);
const manifestBytes = fs.statSync(path.join(site, 'search', 'manifest.json')).size;
const index = await search.openIndex('http://site.test/search/manifest.json');
const r1 = await index.search(first, { limit: 5 });
const firstBytes = moduleBytes + index.bytesFetched;
const firstFiles = files.length + 2;
const before = index.bytesFetched;
const r2 = await index.search(second, { limit: 5 });
console.log(JSON.stringify({
  first, second, hits1: r1.total, hits2: r2.total, module_bytes: moduleBytes, manifest_bytes: manifestBytes,
  first_query_bytes: firstBytes, first_query_files: firstFiles,
  second_query_bytes: index.bytesFetched - before, second_query_files: files.length + 2 - firstFiles,
}));
