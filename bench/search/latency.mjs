// Query latency in headless Chromium (Debian's /usr/bin/chromium through puppeteer-core): Paved's search module
// and Pagefind's, on the same served site. For each query: the first (cold: its files fetched) and the median of
// 20 repeats (warm), both with five results' data loaded.
//   node latency.mjs SITE_URL QUERY...
import { createRequire } from 'module';

// puppeteer-core lives in the benchmark's npm folder (NPM_DIR), not in the project.
const puppeteer = createRequire((process.env.NPM_DIR || '.') + '/')('puppeteer-core');

const [base, ...queries] = process.argv.slice(2);
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const out = {};
for (const tool of ['paved', 'pagefind']) {
  out[tool] = [];
  for (const q of queries) {
    const page = await browser.newPage();
    await page.setCacheEnabled(false);
    await page.goto(base + 'search/index.html', { waitUntil: 'load' });
    const r = await page.evaluate(async (tool, q) => {
      const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
      let run;
      if (tool === 'paved') {
        const src = document.querySelector('script[type=module]').src;
        const m = await import(src);
        const index = await m.openIndex(new URL('manifest.json', location.href).href);
        run = async () => (await index.search(q, { limit: 5 })).hits.length;
      } else {
        const pf = await import('/pagefind/pagefind.js');
        await pf.init();
        run = async () => {
          const r = await pf.search(q);
          return (await Promise.all(r.results.slice(0, 5).map((x) => x.data()))).length;
        };
      }
      let t = performance.now();
      const hits = await run();
      const cold = performance.now() - t;
      const warm = [];
      for (let i = 0; i < 20; i++) {
        t = performance.now();
        await run();
        warm.push(performance.now() - t);
      }
      return { q, hits, cold_ms: +cold.toFixed(1), warm_ms: +median(warm).toFixed(2) };
    }, tool, q);
    out[tool].push(r);
    await page.close();
  }
}
await browser.close();
console.log(JSON.stringify(out));
