/**
 * Property tests: random bytes and randomly mutated fixtures through the whole pipeline, in
 * process (audit() with an injected read), then through every reporter. fast-check picks a new
 * seed each run and prints it, with the shrunk counterexample, when a property fails; pass
 * `{ seed, path }` from that report to fc.assert to replay it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { resolveOptions } from '../src/config.js';
import { loadRules } from '../src/engine/registry.js';
import type { Range } from '../src/facts/types.js';
import { audit } from '../src/engine/runner.js';
import { SEVERITIES } from '../src/engine/rule.js';
import { formatGithub } from '../src/report/github.js';
import { formatJson } from '../src/report/json.js';
import { formatSarif } from '../src/report/sarif.js';
import { printable } from '../src/report/printable.js';
import { formatText } from '../src/report/text.js';
import { decode } from '../src/source/decode.js';
import { VERSION } from '../src/version.js';
import { parseCommands } from './support/github.js';
import { schemaErrors } from './support/sarif-validator.js';
import { FIXTURES } from './support/units.js';

const rules = await loadRules();
const { minPython, targetPython } = resolveOptions({ paths: [] }, null);

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(full);
    return /\.[ch]$/.test(e.name) ? [path.relative(FIXTURES, full)] : [];
  });
}

const fixtures = new Map(sourcesUnder(FIXTURES).sort().map((f) => [f, readFileSync(path.join(FIXTURES, f))]));

/** Pieces of C that the lexical scans, the pre-pass and the parser treat specially, for byte soup that looks like code. */
const C_PIECES = [
  '{', '}', '(', ')', '[', ']', ';', ',', '=', '*', '&', ' ', '\t', '\n', '\r', '\r\n', '\\\n', '/*', '*/', '//', '"', "'", '\\',
  '#if 0', '#if PY_VERSION_HEX >= 0x030D0000', '#ifdef Py_GIL_DISABLED', '#ifndef Py_GIL_DISABLED', '#else', '#endif', '#define M(x) ', '#include <Python.h>',
  'static ', 'int ', 'PyObject *', 'self', 'd', 'k', 'f(PyObject *d, PyObject *k)', 'return ', 'PyDict_GetItem(d, k)', 'PyList_GET_ITEM(d, 0)',
  'Py_BEGIN_CRITICAL_SECTION(d);', 'Py_END_CRITICAL_SECTION();', 'Py_BEGIN_ALLOW_THREADS', 'Py_END_ALLOW_THREADS', 'PyObject_HEAD',
  'static PyModuleDef_Slot s[] = {', '{Py_mod_gil, Py_MOD_GIL_NOT_USED},', '{0, NULL}', 'static struct PyModuleDef m = {', 'PyModuleDef_HEAD_INIT,',
  '.m_slots = s,', 'PyMODINIT_FUNC PyInit_m(void)', 'PyModuleDef_Init(&m)', 'PyModule_Create(&m)', '/* cext-audit: ignore[borrowed-dict-item] */',
  'é', '🐍', '\ufeff', '\u2028', '\0',
];

const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.array(fc.constantFrom(...C_PIECES), { maxLength: 300 }).map((pieces) => new Uint8Array(Buffer.from(pieces.join('')))),
);

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'duplicate'; at: number; length: number; to: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 400 }), to: fc.nat() }),
);

/** Positions are taken modulo the current length, so that every mutation applies whatever came before it. */
function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = m.at % (bytes.length + 1);
  const b = Buffer.from(bytes);
  switch (m.kind) {
    case 'delete':
      return Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    case 'insert':
      return Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    case 'duplicate': {
      const slice = b.subarray(at, at + m.length);
      const to = m.to % (b.length + 1);
      return Buffer.concat([b.subarray(0, to), slice, b.subarray(to)]);
    }
  }
}

// Mutated inside the property, so that a counterexample names the fixture and the mutations, not kilobytes.
const mutatedFixture = fc.record({ fixture: fc.constantFrom(...fixtures.keys()), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) });

/** File names as a file system may hand them over: any well-formed Unicode, often what workflow commands and URIs escape. */
const fileName = fc
  .string({ unit: fc.oneof(fc.constantFrom('%', ':', ',', '=', '\n', '\r', ' ', '/', '#', '?', 'a'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 12 })
  .map((s) => `${s}.c`);

/** Inside the text: lines 1…count, columns 1…length+1 in UTF-16 code units, start strictly before end. */
function assertInside(range: Range, lines: readonly string[], what: string): void {
  const { startLine, startColumn, endLine, endColumn } = range;
  const shown = `${what} ${JSON.stringify(range)} in ${lines.length} lines`;
  assert.ok(startLine >= 1 && startLine <= endLine && endLine <= lines.length, shown);
  assert.ok(startColumn >= 1 && startColumn <= lines[startLine - 1].length + 1, shown);
  assert.ok(endColumn >= 1 && endColumn <= lines[endLine - 1].length + 1, shown);
  assert.ok(startLine < endLine || startColumn < endColumn, shown);
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/** The files of one audit, by the name findings give them. */
type Tree = Map<string, Uint8Array>;

/**
 * A file name as the runner reads it back from an annotation: CR and LF travel %-escaped, and
 * the other characters a terminal or log viewer acts on (`\x1b`, `\u2028`) are shown as escapes.
 */
function annotatedName(file: string): string {
  return file.split(/([\r\n])/).map((part) => (part === '\r' || part === '\n' ? part : printable(part))).join('');
}

async function auditAndReport(tree: Tree): Promise<void> {
  const files = [...tree.keys()].map((file) => ({ path: file, file }));
  const result = await audit({ files, rules, options: { minPython, targetPython }, read: async (p) => tree.get(p) as Uint8Array });
  const texts = new Map([...tree].map(([file, bytes]) => {
    const decoded = decode(bytes);
    return [file, decoded.ok ? decoded.text : null];
  }));
  // The line terminators LineIndex counts.
  const lines = (file: string) => texts.get(file)?.split(/\r\n|\r|\n/) ?? [];
  for (const f of [...result.findings, ...result.suppressed]) {
    assertInside(f.range, lines(f.file), `${f.ruleId} in ${f.file}`);
    for (const r of f.related) assertInside(r.range, lines(r.file), `${f.ruleId}, related ${r.message} in ${r.file}`);
  }
  const source = (file: string) => texts.get(file) ?? null;

  const sarif = JSON.parse(formatSarif(result, rules, { version: VERSION, source })) as { runs: { results: unknown[] }[] };
  assert.deepEqual(schemaErrors(sarif), []);
  assert.equal(sarif.runs[0].results.length, result.findings.length + result.suppressed.length);

  const github = formatGithub(result.findings, Number.MAX_SAFE_INTEGER);
  assert.equal(github.split('\n').filter((l) => l !== '').length, result.findings.length, 'one line per finding');
  assert.deepEqual(
    parseCommands(github).map((c) => [c.command, c.properties.file, c.properties.line]),
    SEVERITIES.flatMap((severity) => result.findings.filter((f) => f.severity === severity)).map((f) => [COMMAND[f.severity], annotatedName(f.file), String(f.range.startLine)]),
  );

  const json = JSON.parse(formatJson(result, { version: VERSION, minPython: '3.9' })) as { findings: { file: string }[] };
  assert.deepEqual(json.findings.map((f) => f.file), result.findings.map((f) => f.file));
  formatText(result, { color: false, source, minPython: '3.9' });
}

describe('any input, through the whole pipeline and every reporter', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(randomBytes, fileName, (bytes, file) => auditAndReport(new Map([[file, bytes]]))), { numRuns: 1000 });
  });

  it('fixtures with random deletions, insertions and duplications, up to three audited together', async () => {
    // Several files, so that the project pass joins module parts across mutated files.
    const trees = fc.uniqueArray(fc.record({ file: fileName, fixture: mutatedFixture }), { minLength: 1, maxLength: 3, selector: (f) => f.file });
    const property = fc.asyncProperty(trees, (entries) =>
      auditAndReport(new Map(entries.map(({ file, fixture: { fixture, mutations } }) => [file, mutations.reduce(mutate, new Uint8Array(fixtures.get(fixture) as Buffer))]))),
    );
    await fc.assert(property, { numRuns: 1000 });
  });
});
