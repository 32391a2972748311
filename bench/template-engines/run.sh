#!/usr/bin/env bash
# Jinjava and Pebble, out of the box, against Nunjucks itself on the template conformance cases. See README.md.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_DIR:-$ROOT/../shared}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CASES="$ROOT/generator/core/src/test/resources/scaffold/conformance"
NUNJUCKS=${PAVED_NUNJUCKS:-$HOME/.cache/paved-nunjucks}

[ -f "$NUNJUCKS/node_modules/nunjucks/package.json" ] || npm install --silent --no-audit --no-fund --prefix "$NUNJUCKS" nunjucks@3.2.4 >/dev/null

cat > "$WORK/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>template-engines</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>com.hubspot.jinjava</groupId><artifactId>jinjava</artifactId><version>2.8.2</version></dependency>
    <dependency><groupId>io.pebbletemplates</groupId><artifactId>pebble</artifactId><version>4.1.2</version></dependency>
  </dependencies>
</project>
POM
(cd "$WORK" && "$ROOT/mvnw" -q dependency:copy-dependencies -DoutputDirectory="$WORK/lib" >/dev/null)

python3 - "$CASES/cases.yaml" "$SHARED/corpus/catalog" > "$WORK/in.json" <<'PY'
import glob, json, re, sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
templates = [c['template'] for c in d['cases']]
seen = set(templates)
for f in sorted(glob.glob(sys.argv[2] + '/**/*.yaml', recursive=True)):
    text = open(f, encoding='utf-8', errors='replace').read()
    if 'kind: Template' in text:
        for e in re.findall(r'\$\{\{.*?\}\}', text):
            if e not in seen:
                seen.add(e); templates.append(e)
print(json.dumps({'context': d['context'], 'templates': templates}))
PY
node "$CASES/nunjucks-oracle.mjs" "$NUNJUCKS" < "$WORK/in.json" > "$WORK/out.json"
python3 - "$WORK" <<'PY'
import json, sys
w = sys.argv[1]
a = json.load(open(w + '/in.json')); a['expected'] = json.load(open(w + '/out.json'))
json.dump(a, open(w + '/conformance.json', 'w'))
PY
java -cp "$WORK/lib/*" "$HERE/EngineConformance.java" "$WORK/conformance.json" | grep -v '^SLF4J'
