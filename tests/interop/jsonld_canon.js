#!/usr/bin/env node
// Prints the URDNA2015 canonical N-Quads of a JSON-LD file (or, with --nquads, of an N-Quads or
// N-Triples file) as jsonld.js computes them. Used by tests/e2e/interop_test.py.
// Usage: node jsonld_canon.js FILE.jsonld | node jsonld_canon.js --nquads FILE.nq
// package.json pins jsonld 8.3 (node >= 14): jsonld 9 pulls undici 6, which needs node >= 18.17,
// newer than Debian 12's nodejs (18.13). Its rdf-canonize 3 escapes only " \ LF CR in literals,
// so compare its output with itself (JSON-LD in, N-Triples in), not with another writer's text.
'use strict';
const fs = require('fs');
const jsonld = require('jsonld');

async function main(args) {
  const nquads = args[0] === '--nquads';
  const file = nquads ? args[1] : args[0];
  if (!file) throw new Error('usage: jsonld_canon.js [--nquads] FILE');
  const text = fs.readFileSync(file, 'utf8');
  // No document loader: the context is inline, and nothing may be fetched.
  const options = {algorithm: 'URDNA2015', format: 'application/n-quads', safe: true,
                   documentLoader: url => { throw new Error('refusing to load ' + url); }};
  const canonical = nquads
    ? await jsonld.canonize(text, {...options, inputFormat: 'application/n-quads'})
    : await jsonld.canonize(JSON.parse(text), options);
  process.stdout.write(canonical);
}

main(process.argv.slice(2)).catch(e => {
  process.stderr.write('jsonld_canon.js: ' + (e && e.stack || e) + '\n');
  process.exit(1);
});
