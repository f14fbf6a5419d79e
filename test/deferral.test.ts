import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { outline, pythonMacros } from '../src/engine/deferral.js';
import { scanDirectives } from '../src/source/scan.js';
import { FIXTURES, runUnit, units } from './support/units.js';

describe('outline of a file that names no Python API', () => {
  it('finds definitions, not calls or prototypes', () => {
    const shape = outline(
      [
        'int proto(int a);',
        'static int ansi(int a) { return call_a(a) + call_b(); }',
        'int __attribute__((noinline)) attributed(void) /* why */',
        '{ if (x) { return 0; } while (more()) { } }',
        'int knr(a, b) int a; char *b; { return 0; }',
        'void (*slot)(void) = 0;',
        '#define MACRO_BODY(x) { x }',
        '/* commented(out) { */',
      ].join('\n'),
    );
    assert.deepEqual([...shape.definitions].sort(), ['ansi', 'attributed', 'knr']);
  });

  it('collects the names of initialisers, not the calls in them', () => {
    const shape = outline('static const handler table[] = { on_open, {on_close, 0}, make(x) };\nint plain = 3;');
    assert.deepEqual([...shape.tableNames].sort(), ['on_close', 'on_open', 'x']);
  });

  it('leaves comments, literals and directive lines out of the identifiers', () => {
    const shape = outline('/* hidden */ int seen; const char *s = "quoted";\n#include "included.h"\n');
    assert.ok(shape.identifiers.has('seen'));
    for (const name of ['hidden', 'quoted', 'included', 'include']) assert.ok(!shape.identifiers.has(name), name);
  });
});

describe('project macros that expand to the C API', () => {
  it('follows macros through one another', () => {
    const directives = scanDirectives('#define GET(d, k) PyDict_GetItem(d, k)\n#define FIRST(d) GET(d, 0)\n#define PLAIN(x) (x + 1)\n');
    assert.deepEqual([...pythonMacros(directives)].sort(), ['FIRST', 'GET']);
  });
});

describe('files that are not parsed', () => {
  it('are only those nothing parsed can reach', async () => {
    const unit = units('projects').find((u) => u.name === 'vendored');
    assert.ok(unit);
    const { result } = await runUnit(unit, 'projects');
    assert.deepEqual(result.notParsed, ['vendor/codec.h', 'vendor/tick.h', 'vendor/unrelated.c']);
  });

  // Not parsing a file must change nothing: every fixture that leaves one out is audited both ways.
  it('give the findings of parsing every file, in every fixture that leaves one out', async () => {
    const compared: string[] = [];
    for (const group of readdirSync(FIXTURES).sort()) {
      for (const unit of units(group)) {
        const lazy = (await runUnit(unit, group)).result;
        if (lazy.notParsed.length === 0) continue;
        const all = (await runUnit(unit, group, { parseAll: true })).result;
        assert.deepEqual(all.notParsed, []);
        assert.deepEqual({ ...lazy, notParsed: [] }, all, `${group}/${unit.name}`);
        compared.push(`${group}/${unit.name}`);
      }
    }
    assert.ok(compared.includes('projects/vendored') && compared.length >= 3, compared.join(', '));
  });
});
