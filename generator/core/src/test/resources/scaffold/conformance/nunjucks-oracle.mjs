// Renders templates with Nunjucks itself, configured as Backstage's scaffolder configures it: variables between
// ${{ and }}, no autoescape, and the scaffolder's own filters. Reads {context, templates: [..]} as JSON on stdin and
// writes [{output} | {error}] as JSON on stdout. Usage: node nunjucks-oracle.mjs <folder holding node_modules>
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.argv[2], 'node_modules', 'x.js'));
const nunjucks = require('nunjucks');

function parseRepoUrl(url) {
  const u = new URL(`https://${url}`);
  const q = u.searchParams;
  const result = { host: u.host };
  for (const key of ['owner', 'organization', 'workspace', 'project', 'repo']) {
    if (q.get(key) !== null) result[key] = q.get(key);
  }
  return result;
}
function parseEntityRef(ref, context = {}) {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(String(ref).trim());
  if (!m) throw new Error(`Invalid entity ref ${ref}`);
  const kind = m[1] ?? context.defaultKind;
  if (!kind) throw new Error(`Entity ref ${ref} has no kind`);
  return { kind, namespace: m[2] ?? context.defaultNamespace ?? 'default', name: m[3] };
}
function pick(obj, key) {
  return String(key).split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

const env = new nunjucks.Environment(null, { autoescape: false, tags: { variableStart: '${{', variableEnd: '}}' } });
env.addFilter('parseRepoUrl', parseRepoUrl);
env.addFilter('parseEntityRef', parseEntityRef);
env.addFilter('pick', pick);
env.addFilter('projectSlug', (url) => { const p = parseRepoUrl(url); return `${p.owner}/${p.repo}`; });

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const { context, templates } = JSON.parse(input);
  const results = templates.map((t) => {
    try {
      return { output: env.renderString(t, context) };
    } catch (e) {
      return { error: String(e.message).split('\n')[0] };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
