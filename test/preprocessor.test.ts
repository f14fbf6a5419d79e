import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardIndex } from '../src/facts/conditions.js';
import { compiledIn, compiledInAny, DEFAULT_BUILDS, evaluate, FREE_THREADED, pythonsBefore313, type Scenario } from '../src/facts/guards.js';
import { scanDirectives } from '../src/source/scan.js';

const scenario = (entries: [string, number | null][]): Scenario => ({ name: 't', macros: new Map(entries) });

describe('#if evaluation', () => {
  const s = scenario([
    ['PY_VERSION_HEX', 0x030e00f0],
    ['Py_GIL_DISABLED', 1],
    ['PYPY_VERSION', null],
  ]);

  for (const [expr, expected] of [
    ['PY_VERSION_HEX >= 0x030D0000', 1],
    ['PY_VERSION_HEX < 0x030D0000', 0],
    ['defined(Py_GIL_DISABLED)', 1],
    ['defined Py_GIL_DISABLED && !defined(PYPY_VERSION)', 1],
    ['!defined(Py_GIL_DISABLED)', 0],
    ['defined(MYLIB_FT)', undefined],
    ['defined(MYLIB_FT) && PY_VERSION_HEX < 0x03000000', 0],
    ['defined(MYLIB_FT) || defined(Py_GIL_DISABLED)', 1],
    ['PYPY_VERSION', 0],
    ['PY_VERSION_HEX >= MAKE_VERSION(3, 13)', undefined],
    ['(PY_VERSION_HEX >> 16) == 0x030E', 1],
    ['1 ? 2 : 3', 2],
    ['0', 0],
    ['010 == 8', 1],
    ['0x10UL == 16', 1],
    ['(', undefined],
    ['PY_VERSION_HEX >=', undefined],
  ] as const) {
    it(`${expr} → ${String(expected)}`, () => assert.equal(evaluate(expr, s), expected));
  }

  it('a guard holds only if every condition does', () => {
    assert.equal(compiledInAny([], FREE_THREADED), true);
    assert.equal(compiledInAny(['defined(Py_GIL_DISABLED)', 'PY_VERSION_HEX >= 0x030D0000'], FREE_THREADED), true);
    assert.equal(compiledInAny(['defined(Py_GIL_DISABLED)', 'defined(FOO)'], FREE_THREADED), undefined);
    assert.equal(compiledInAny(['defined(FOO)', '!defined(Py_GIL_DISABLED)'], FREE_THREADED), false);
    assert.equal(compiledInAny(['defined(Py_GIL_DISABLED) && PY_VERSION_HEX >= 0x030E0100'], FREE_THREADED), true, 'a 3.14 bug-fix release');
    assert.equal(compiledInAny(['PY_VERSION_HEX >= 0x030F0000'], FREE_THREADED), false, 'not before 3.15');
  });

  it('sees Py_mod_gil in 3.13+ builds only', () => {
    assert.equal(compiledInAny(['defined(Py_mod_gil)'], FREE_THREADED), true);
    assert.ok(DEFAULT_BUILDS.every((b) => compiledIn(['defined(Py_mod_gil)'], b) === true));
    assert.ok(DEFAULT_BUILDS.every((b) => compiledIn(['defined(Py_GIL_DISABLED)'], b) === false));
    const old = pythonsBefore313(9);
    assert.equal(old.length, 8);
    assert.ok(old.every((p) => compiledIn(['defined(Py_mod_gil)'], p) === false));
    assert.ok(old.some((p) => compiledIn(['PY_VERSION_HEX >= 0x030C0000'], p) === true), '3.12 passes a 3.12 guard');
  });
});

describe('guards per line', () => {
  const source = [
    '#if A', // 1
    'a', // 2
    '#elif B', // 3
    'b', // 4
    '#  ifdef C', // 5
    'bc', // 6
    '#  endif', // 7
    '#else', // 8
    'e', // 9
    '#endif', // 10
    'after', // 11
    '#ifndef D', // 12
    'd', // 13
    '#endif', // 14
  ].join('\n');
  const index = guardIndex(scanDirectives(source));
  const at = (word: string) => index.at(source.indexOf(`\n${word}\n`) + 1);

  it('tracks #if, #elif, #else and nesting', () => {
    assert.deepEqual(at('a'), ['A']);
    assert.deepEqual(at('b'), ['!(A) && (B)']);
    assert.deepEqual(at('bc'), ['!(A) && (B)', 'defined(C)']);
    assert.deepEqual(at('e'), ['!(A) && !(B)']);
    assert.deepEqual(at('after'), []);
    assert.deepEqual(at('d'), ['!defined(D)']);
  });

  it('does not count an include guard as a condition', () => {
    const header = '#ifndef M_H\n#define M_H\n#ifdef Py_mod_gil\nint a;\n#endif\nint b;\n#endif\n';
    const guards = guardIndex(scanDirectives(header));
    assert.deepEqual(guards.at(header.indexOf('int a')), ['defined(Py_mod_gil)']);
    assert.deepEqual(guards.at(header.indexOf('int b')), []);
    const notAGuard = '#ifndef M_H\n#define M_H\n#endif\nint c;\n#ifdef X\n#endif\n';
    assert.deepEqual(guardIndex(scanDirectives(notAGuard)).at(notAGuard.indexOf('int c')), []);
    const other = '#ifndef USE_X\n#define OTHER 1\nint d;\n#endif\n';
    assert.deepEqual(guardIndex(scanDirectives(other)).at(other.indexOf('int d')), ['!defined(USE_X)']);
  });

  it("reads the file's own macros in the conditions after their definitions, in every build", () => {
    const source = [
      '#if PY_VERSION_HEX < 0x030b0000',
      '#  define USE_STATIC 1',
      '#else',
      '#  define USE_STATIC 0',
      '#endif',
      '#ifdef Py_GIL_DISABLED',
      '#  define FT_ONLY',
      '#endif',
      '#ifndef MAYBE',
      '#  define MAYBE 1',
      '#endif',
      '#if USE_STATIC',
      'static_types',
      '#endif',
      '#ifdef FT_ONLY',
      'ft_only',
      '#endif',
      '#if MAYBE',
      'maybe',
      '#endif',
    ].join('\n');
    const guards = guardIndex(scanDirectives(source));
    const compiled = (word: string, builds: Scenario[]) => compiledInAny(guards.at(source.indexOf(`\n${word}\n`) + 1), builds);
    assert.equal(compiled('static_types', FREE_THREADED), false);
    assert.equal(compiled('static_types', pythonsBefore313(9)), true);
    assert.equal(compiled('ft_only', FREE_THREADED), true);
    assert.equal(compiled('ft_only', DEFAULT_BUILDS), undefined, 'defined on the command line, perhaps');
    // Defined only where it was not defined before: the build may set it.
    assert.equal(compiled('maybe', FREE_THREADED), undefined);
  });

  it('reads #undef as the end of a definition, and keeps the name of a macro defined too often to read', () => {
    const switchedOff = '#define TRACE 1\n#undef TRACE /* define to trace */\n#if TRACE\nx\n#endif\n#ifdef TRACE\ny\n#endif\n#define TRACE 2\n#if TRACE == 2\nz\n#endif\n';
    const guards = guardIndex(scanDirectives(switchedOff));
    for (const [word, compiled] of [['x', false], ['y', false], ['z', true]] as const) {
      assert.equal(compiledInAny(guards.at(switchedOff.indexOf(`\n${word}\n`) + 1), FREE_THREADED), compiled, word);
    }
    const often = `${Array.from({ length: 9 }, (_, i) => `#if V == ${i}\n#define USE_Y ${i}\n#endif\n`).join('')}#if USE_Y\ny\n#endif\n`;
    assert.deepEqual(guardIndex(scanDirectives(often)).at(often.indexOf('\ny\n') + 1), ['USE_Y']);
  });

  it("reads a header's switch from the line that includes it on", () => {
    const source = '#if FEATURE\nbefore\n#endif\n#include "config.h"\n#if FEATURE\nafter\n#endif\n';
    const guards = guardIndex(scanDirectives(source), [{ keyword: 'define', body: 'FEATURE 0', guard: [], at: source.indexOf('#include') }]);
    assert.equal(compiledInAny(guards.at(source.indexOf('before')), FREE_THREADED), undefined, 'not yet defined: the build may set it');
    assert.equal(compiledInAny(guards.at(source.indexOf('after')), FREE_THREADED), false);
  });

  it('ignores directives inside comments', () => {
    const commented = '/*\n#if 0\n*/\nint x;\n';
    assert.deepEqual(guardIndex(scanDirectives(commented)).at(commented.indexOf('int')), []);
  });
});
