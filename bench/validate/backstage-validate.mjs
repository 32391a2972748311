#!/usr/bin/env node
// Runs Backstage's own validation code over catalog files, in the order the catalog backend applies it,
// so that `paved validate` can be compared with it on the same files (see README.md beside this file).
//
//   NODE_PATH is not used: run it with the packages installed in BACKSTAGE_NPM_DIR (run.sh sets it up):
//   BACKSTAGE_NPM_DIR=~/.cache/paved-bench-npm node bench/validate/backstage-validate.mjs FILE|FOLDER...
//
// Steps per file, as the catalog backend does them:
//   1. yaml 2.x parseAllDocuments (merge keys off); a document with errors, or one that is not a mapping,
//      is rejected; empty documents are skipped.
//   2. the entity envelope validator (entityEnvelopeSchemaValidator).
//   3. the placeholder step: a well-formed {$text|$json|$yaml: string} counts as resolved.
//   4. the default entity policies, all of them: SchemaValid, DefaultNamespace, NoForeignRootFields,
//      FieldFormat (with makeValidator()).
//   5. the kind validators: the built-in ones of @backstage/catalog-model and the scaffolder's Template
//      v1beta3 validator; an entity that none of them knows is rejected.
//   6. the relation step: every relation field is parsed with parseEntityRef (default kind as the built-in
//      processor uses it, namespace defaulting to the entity's own).
// With --per-file first, also prints `FILE<TAB>ok|error` for each file.
// Prints one summary line: `backstage files=F documents=D accepted=A rejected=R`; exit 1 when R > 0.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';

const npmDir = resolve(process.env.BACKSTAGE_NPM_DIR || process.env.NPM_DIR || join(homedir(), '.cache/paved-bench-npm'));
const require = createRequire(join(npmDir, 'package.json'));
let YAML, model, scaffolder;
try {
  YAML = require('yaml');
  model = require('@backstage/catalog-model');
  scaffolder = require('@backstage/plugin-scaffolder-common');
} catch (e) {
  console.error(`backstage-validate: cannot load the Backstage packages from ${npmDir} (run bench/validate/run.sh, or set BACKSTAGE_NPM_DIR): ${e.message}`);
  process.exit(2);
}

const {
  entityEnvelopeSchemaValidator, EntityPolicies, SchemaValidEntityPolicy, DefaultNamespaceEntityPolicy,
  NoForeignRootFieldsEntityPolicy, FieldFormatEntityPolicy, makeValidator, parseEntityRef,
  apiEntityV1alpha1Validator, componentEntityV1alpha1Validator, resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator, locationEntityV1alpha1Validator, userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator, domainEntityV1alpha1Validator,
} = model;

const validateEnvelope = entityEnvelopeSchemaValidator();
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(makeValidator()),
]);
const kindValidators = [
  apiEntityV1alpha1Validator, componentEntityV1alpha1Validator, resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator, locationEntityV1alpha1Validator, userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator, domainEntityV1alpha1Validator,
  scaffolder.templateEntityV1beta3Validator,
];

// Relation fields per kind: [path in spec, default kind or undefined (then the ref must name its kind)].
const relationFields = {
  component: [['owner', 'Group'], ['subcomponentOf', 'Component'], ['providesApis', 'API'],
    ['consumesApis', 'API'], ['dependsOn'], ['dependencyOf'], ['system', 'System']],
  api: [['owner', 'Group'], ['system', 'System']],
  resource: [['owner', 'Group'], ['dependsOn'], ['dependencyOf'], ['system', 'System']],
  system: [['owner', 'Group'], ['domain', 'Domain']],
  domain: [['owner', 'Group'], ['subdomainOf', 'Domain']],
  group: [['parent', 'Group'], ['children', 'Group'], ['members', 'User']],
  user: [['memberOf', 'Group']],
  template: [['owner', 'Group']],
};

function resolvePlaceholders(value) {
  if (Array.isArray(value)) return value.map(resolvePlaceholders);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0].startsWith('$')) {
      const [key] = keys;
      if (['$text', '$json', '$yaml'].includes(key) && typeof value[key] === 'string' && value[key]) return '';
      throw new Error(`Unknown or malformed placeholder ${key}`);
    }
    const out = {};
    for (const k of keys) out[k] = resolvePlaceholders(value[k]);
    return out;
  }
  return value;
}

async function validateEntity(raw) {
  validateEnvelope(raw);
  let entity = resolvePlaceholders(raw);
  entity = await policy.enforce(entity);
  if (!entity) throw new Error('The entity policies rejected the entity');
  let known = false;
  for (const validator of kindValidators) {
    if (await validator.check(entity)) { known = true; break; }
  }
  if (!known) throw new Error(`No processor recognized the entity ${entity.kind}:${entity.metadata?.name}`);
  const fields = relationFields[String(entity.kind).toLowerCase()] || [];
  const context = { defaultNamespace: entity.metadata.namespace };
  for (const [field, defaultKind] of fields) {
    const value = entity.spec?.[field];
    if (value === undefined || value === null) continue;
    for (const ref of [value].flat()) parseEntityRef(ref, { ...context, defaultKind });
  }
  return entity;
}

function expand(paths) {
  const files = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (/\.ya?ml$/.test(name)) files.push(join(p, name));
      }
    } else {
      files.push(p);
    }
  }
  return files;
}

const perFile = process.argv[2] === '--per-file'; // prints `FILE<TAB>ok|error` per file (for checking)
const args = process.argv.slice(perFile ? 3 : 2);
if (args.length === 0) {
  console.error('usage: backstage-validate.mjs FILE|FOLDER...');
  process.exit(2);
}
const files = expand(args);
let documents = 0, accepted = 0, rejected = 0, shown = 0;
const reject = (file, index, message) => {
  rejected++;
  if (shown++ < 20) console.error(`${file}#${index}: ${message}`);
};
for (const file of files) {
  const rejectedBefore = rejected;
  await validateFile(file);
  if (perFile) console.log(`${file}\t${rejected > rejectedBefore ? 'error' : 'ok'}`);
}

async function validateFile(file) {
  const text = readFileSync(file, 'utf8');
  const docs = YAML.parseAllDocuments(text, { merge: false });
  if (!Array.isArray(docs)) { documents++; reject(file, 0, 'not YAML documents'); return; }
  let index = 0;
  for (const doc of docs) {
    index++;
    if (doc.errors.length) { documents++; reject(file, index, doc.errors[0].message); continue; }
    const json = doc.toJSON();
    if (json === null || json === undefined) continue; // an empty document
    documents++;
    if (typeof json !== 'object' || Array.isArray(json)) {
      reject(file, index, `Expected object at root, got ${Array.isArray(json) ? 'array' : typeof json}`);
      continue;
    }
    try {
      await validateEntity(json);
      accepted++;
    } catch (e) {
      reject(file, index, e.message);
    }
  }
}
console.log(`backstage files=${files.length} documents=${documents} accepted=${accepted} rejected=${rejected}`);
process.exit(rejected > 0 ? 1 : 0);
