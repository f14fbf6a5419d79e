import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeOutcome, parseInput, type AnalysisTask } from '../src/engine/analysis.js';
import { extractFacts } from '../src/facts/extract.js';
import type { Tree } from '../src/source/parse.js';
import { MAX_SKIPPED, skippedStretches, opaqueBlocks } from '../src/source/opaque.js';
import { macroTable, type MacroTable } from '../src/source/prepass.js';
import { scanDirectives } from '../src/source/scan.js';
import { mustParse } from './support/parse.js';
import { FIXTURES } from './support/units.js';

const MACROS = macroTable([], new Map());

function task(text: string, file = 't.c'): AnalysisTask {
  return { index: 0, file, text, directives: scanDirectives(text) };
}

/** The text of each stretch left out, trimmed. */
function skipped(text: string): string[] {
  const { prepared, code } = parseInput(task(text), MACROS);
  return skippedStretches(opaqueBlocks(code, scanDirectives(text), prepared.uses)).map(([start, end]) => text.slice(start, end).trim());
}

/** The facts of a file parsed whole, as before any block was blanked. */
function wholeFacts(input: AnalysisTask, macros: MacroTable) {
  const { prepared, code, parsed } = parseInput(input, macros);
  return extractFacts(input.file, input.text, mustParse(parsed), input.directives, prepared.uses, code);
}

describe('blocks left out of the parse', () => {
  it('are the insides of function bodies and initialisers, not of struct bodies or blocks in directives', () => {
    const text = [
      'struct point { int x; int y; };',
      'static int add(int a, int b) { return a + b; }',
      'static const int table[] = { 1, 2, {3} };',
      '#define BLOCK { not_counted(); }',
      'int __attribute__((unused)) named(void)',
      '{ if (a) { b(); } }',
    ].join('\n');
    assert.deepEqual(skipped(text), ['return a + b;', '1, 2, {3}', 'if (a) { b(); }']);
  });

  it('leave whole the bodies a fact reads inside', () => {
    const text = [
      'PyMODINIT_FUNC PyInit_x(void) { static PyModuleDef def = {0}; return PyModuleDef_Init(&def); }',
      'static int gil(PyObject *m) { PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED); return 0; }',
      'static void locked(PyObject *o) { Py_BEGIN_CRITICAL_SECTION(o); work(o); Py_END_CRITICAL_SECTION(); }',
      'static int plain(int a) { return a; }',
    ].join('\n');
    assert.deepEqual(skipped(text), ['return a;']);
  });

  it('keep the declarations of static locals, and bodies where one cannot be cut out', () => {
    const text = [
      'static PyObject *cached(void) { static PyObject *c; if (!c) { static const int t[] = {1, 2}; c = make(t); } return c; }',
      'static int late(void) { int x = 0; const static int y = 1; return x + y; }',
    ].join('\n');
    assert.deepEqual(skipped(text), ['', 'if (!c) {', 'c = make(t); } return c;']);
  });

  it('blank bodies whose conditional branches each close what they open, not the others', () => {
    const text = [
      'static int even(int a)\n{\n#ifdef X\n  if (a) { return 1; }\n#else\n  return 2;\n#endif\n  return a;\n}',
      'static int before(void) { return 3; }',
      // The braces never come back to the file scope: nothing after this is blanked.
      'static int uneven(int a)\n{\n#ifdef X\n  if (a) {\n#else\n  if (!a) {\n#endif\n  return 1; }\n  return a;\n}',
      'static int after(void) { return 4; }',
    ].join('\n');
    const stretches = skipped(text);
    assert.equal(stretches.length, 2);
    assert.match(stretches[0], /^#ifdef X[\s\S]*return a;$/);
    assert.equal(stretches[1], 'return 3;');
  });

  it('are at most MAX_SKIPPED, the longest, in order', () => {
    // Every third body is long: those are left out first.
    const text = Array.from({ length: MAX_SKIPPED * 2 }, (_, i) => `int f${i}(int a) { return ${i % 3 === 0 ? 'a * a * a + a * a + a' : 'a'}; }`).join('\n');
    const stretches = skipped(text);
    assert.equal(stretches.length, MAX_SKIPPED);
    assert.equal(stretches.filter((s) => s.includes('a * a')).length, Math.ceil((MAX_SKIPPED * 2) / 3));
    const { prepared, code } = parseInput(task(text), MACROS);
    const offsets = skippedStretches(opaqueBlocks(code, scanDirectives(text), prepared.uses)).map(([start]) => start);
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
  });

  it('leave the offsets of the tree those of the text, across line endings', () => {
    const text = 'static int f(void)\r\n{\r\n\treturn g(1);\r\n}\r\nstatic int h(void) { return 2; }\n';
    const { prepared, code, parsed } = parseInput(task(text), MACROS);
    const skipped = skippedStretches(opaqueBlocks(code, scanDirectives(text), prepared.uses));
    assert.equal(skipped.length, 2);
    const shape = (tree: Tree) => tree.rootNode.namedChildren.map((n) => [n.type, n.startIndex, n.endIndex, n.childForFieldName('body')?.startIndex]);
    assert.deepEqual(shape(mustParse(parsed, skipped)), shape(mustParse(parsed)));
  });

  it('are parsed in full the second time when the tree does not give one back as a body or an initialiser', () => {
    // A statement at file scope, as a macro the parser does not know can leave: its block is no function's body.
    const input = task('if (ready) { start(); }\nstatic int f(void) { return g(); }\n');
    const { prepared, code, parsed } = parseInput(input, MACROS);
    const blocks = opaqueBlocks(code, input.directives, prepared.uses);
    assert.equal(blocks.length, 2);
    const first = extractFacts(input.file, input.text, mustParse(parsed, skippedStretches(blocks)), input.directives, prepared.uses, code, { opaque: blocks });
    assert.deepEqual('misread' in first ? first.misread : null, [blocks[0]]);
    const outcome = analyzeOutcome(input, MACROS);
    assert.equal(outcome.kind, 'facts');
    assert.deepEqual(outcome.kind === 'facts' ? outcome.facts : null, wholeFacts(input, MACROS));
  });

  // Leaving blocks out must change no fact: every C file of the fixtures is read both ways.
  it('give the facts of the whole parse on every C fixture', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const at = path.join(dir, name);
        if (statSync(at).isDirectory()) walk(at);
        else if (/\.[ch]$/.test(name)) files.push(at);
      }
    };
    walk(FIXTURES);
    let withBlocks = 0;
    for (const file of files) {
      const input = task(readFileSync(file, 'latin1'), path.relative(FIXTURES, file));
      const { prepared, code, grammar } = parseInput(input, MACROS);
      if (grammar !== 'c') continue;
      if (opaqueBlocks(code, input.directives, prepared.uses).length > 0) withBlocks++;
      const outcome = analyzeOutcome(input, MACROS);
      assert.equal(outcome.kind, 'facts', input.file);
      assert.deepEqual(outcome.kind === 'facts' ? outcome.facts : null, wholeFacts(input, MACROS), input.file);
    }
    assert.ok(withBlocks >= 100, `only ${withBlocks} fixtures have blocks to blank`);
  });
});
