import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blankDeadBranches } from '../src/source/branches.js';
import { mustParse } from './support/parse.js';
import { annotationMacros, BUILTIN_MACROS, macroTable, prepass } from '../src/source/prepass.js';
import { scanDirectives } from '../src/source/scan.js';
import { FIXTURES } from './support/units.js';

const table = macroTable([], new Map());

/** Offsets of every line break: the pre-pass must keep them all in place. */
function breaks(text: string): number[] {
  return [...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index ?? -1);
}

function assertSameShape(original: string, prepared: string): void {
  assert.equal(prepared.length, original.length);
  assert.deepEqual(breaks(prepared), breaks(original));
}

const OBJECT = `typedef struct {
    PyObject_HEAD
    PyObject *dict;
} Obj;

static PyTypeObject ObjType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "m.Obj", sizeof(Obj),
};
`;

describe('prepass', () => {
  it('replaces the allow-threads block macros by braces of the same length', () => {
    const source = 'void f(void) {\n    Py_BEGIN_ALLOW_THREADS\n    g();\n    Py_END_ALLOW_THREADS\n}\n';
    const { text } = prepass(source, table);
    assertSameShape(source, text);
    assert.match(text, /\n {4}\{ {21}\n/);
    assert.match(text, /\n {4}\} {19}\n/);
    assert.equal(mustParse(text).rootNode.hasError, false);
  });

  it('records the object of a critical section whose arguments span lines', () => {
    const source = 'void f(PyObject *a, PyObject *b) {\n    Py_BEGIN_CRITICAL_SECTION2(a,\n                               b);\n    g();\n    Py_END_CRITICAL_SECTION2();\n}\n';
    const { text, uses } = prepass(source, table);
    assertSameShape(source, text);
    assert.deepEqual(
      uses.map((u) => [u.name, u.action, u.args]),
      [
        ['Py_BEGIN_CRITICAL_SECTION2', 'block-begin', 'a,\n                               b'],
        ['Py_END_CRITICAL_SECTION2', 'block-end', ''],
      ],
    );
    const block = mustParse(text).rootNode.descendantsOfType('compound_statement')[1];
    assert.equal(block.startIndex, source.indexOf('Py_BEGIN_CRITICAL_SECTION2'));
    assert.equal(mustParse(text).rootNode.hasError, false);
  });

  it('makes object headers parse without changing positions', () => {
    assert.equal(mustParse(OBJECT).rootNode.hasError, true, 'the raw macros derail tree-sitter');
    const { text } = prepass(OBJECT, table);
    assertSameShape(OBJECT, text);
    assert.equal(mustParse(text).rootNode.hasError, false);
  });

  it('leaves comments, strings and directives alone', () => {
    const source = '/* Py_BEGIN_ALLOW_THREADS */\nconst char *s = "Py_END_ALLOW_THREADS";\n#define X Py_BEGIN_ALLOW_THREADS\n// PyObject_HEAD\n';
    assert.equal(prepass(source, table).text, source);
  });

  it('keeps the arguments of unwrapped macros', () => {
    const source = 'PyAPI_FUNC(int) f(void);\nPy_LOCAL_INLINE(void) g(void) {}\n';
    const { text } = prepass(source, table);
    assertSameShape(source, text);
    assert.equal(text, '           int  f(void);\n                void  g(void) {}\n');
  });

  it('finds project annotation macros, transitively and over #if branches', () => {
    const directives = scanDirectives(
      [
        '#ifdef _MSC_VER',
        '#define FORCE_INLINE static __forceinline',
        '#else',
        '#define FORCE_INLINE static inline __attribute__((always_inline))',
        '#endif',
        '#define HIDDEN __attribute__((visibility("hidden")))',
        '#define API HIDDEN extern',
        '#define EMPTY',
        '#define ONE 1',
        '#define MIXED static',
        '#undef MIXED',
        '#define MIXED 2',
        '#define CALL(x) static x',
      ].join('\n'),
    );
    assert.deepEqual([...annotationMacros(directives)].sort(), ['API', 'EMPTY', 'FORCE_INLINE', 'HIDDEN']);
  });

  it('blanks project and configured macros', () => {
    const custom = macroTable(['HIDDEN'], new Map([['LOCK_BEGIN', { action: 'block-begin', args: 'same-line' } as const]]));
    const source = 'HIDDEN int f(PyObject *o) {\n    LOCK_BEGIN(o)\n    g();\n    Py_END_CRITICAL_SECTION();\n    return 0;\n}\n';
    const { text } = prepass(source, custom);
    assertSameShape(source, text);
    assert.ok(text.startsWith('       int f('));
    assert.equal(mustParse(text).rootNode.hasError, false);
  });

  it('knows every block macro of the free-threading API', () => {
    for (const name of ['Py_BEGIN_CRITICAL_SECTION', 'Py_BEGIN_CRITICAL_SECTION2', 'Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST']) {
      assert.equal(BUILTIN_MACROS.get(name)?.action, 'block-begin', name);
    }
    for (const name of ['Py_END_CRITICAL_SECTION', 'Py_END_CRITICAL_SECTION2', 'Py_END_CRITICAL_SECTION_SEQUENCE_FAST']) {
      assert.equal(BUILTIN_MACROS.get(name)?.action, 'block-end', name);
    }
  });

  it('keeps every fixture the same length with the same line breaks', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const full = path.join(dir, e);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.[ch]$/.test(e)) files.push(full);
      }
    };
    walk(FIXTURES);
    assert.ok(files.length > 30);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const directives = scanDirectives(source);
      const prepared = blankDeadBranches(prepass(source, macroTable(annotationMacros(directives), new Map())).text, directives);
      assertSameShape(source, prepared);
    }
  });
});

describe('dead branches', () => {
  it('joins a function header split over a Python 2/3 #if into one function', () => {
    const source = [
      '#if PY_MAJOR_VERSION >= 3',
      'PyObject *PyInit_m(void)',
      '#else',
      'void initm(void)',
      '#endif',
      '{',
      '    return PyModule_Create(&def);',
      '}',
      '',
    ].join('\n');
    const text = blankDeadBranches(source, scanDirectives(source));
    assertSameShape(source, text);
    const fn = mustParse(text).rootNode.descendantsOfType('function_definition');
    assert.equal(fn.length, 1);
    assert.match(fn[0].text, /PyInit_m/);
    assert.doesNotMatch(text, /initm/);
  });

  it('blanks #if 0 and C++-only branches but not undecided ones', () => {
    const source = '#if 0\nbroken code here\n#endif\n#ifdef __cplusplus\nextern "C" {\n#endif\n#ifdef Py_GIL_DISABLED\nint x;\n#else\nint y;\n#endif\n';
    const text = blankDeadBranches(source, scanDirectives(source));
    assertSameShape(source, text);
    assert.doesNotMatch(text, /broken|extern/);
    assert.match(text, /#ifdef Py_GIL_DISABLED\nint x;\n#else\nint y;\n#endif/);
  });

  it("blanks a debug branch behind the file's own switch, unless the switch is defined two ways", () => {
    const source = '#define TRACING 0\n#if TRACING\n#define TRACE(o) printf("%d", (int)(o)->ob_refcnt)\n#else\n#define TRACE(o)\n#endif\n';
    const text = blankDeadBranches(source, scanDirectives(source));
    assertSameShape(source, text);
    assert.doesNotMatch(text, /ob_refcnt/);
    assert.match(text, /#define TRACE\(o\)\n/);
    const twice = `${source}#undef TRACING\n#define TRACING 1\n`;
    assert.match(blankDeadBranches(twice, scanDirectives(twice)), /ob_refcnt/);
    const redefined = '#define LEVEL 0\n#ifdef EXTRA\n#define LEVEL 1\n#endif\n#if LEVEL\nint a;\n#endif\n';
    assert.match(blankDeadBranches(redefined, scanDirectives(redefined)), /int a;/);
    // A switch decides only what follows it: an include guard's own #define does not blank its header.
    const header = '#ifndef EXT_H\n#define EXT_H\nint kept;\n#endif\n';
    assert.equal(blankDeadBranches(header, scanDirectives(header)), header);
    const order = '#if FEATURE\nint early;\n#endif\n#define FEATURE 0\n#if FEATURE\nint late;\n#endif\n';
    const ordered = blankDeadBranches(order, scanDirectives(order));
    assert.match(ordered, /int early;/);
    assert.doesNotMatch(ordered, /int late;/);
  });

  it('keeps code that some 3.x release compiles, however new', () => {
    const source = '#if PY_VERSION_HEX >= 0x030E00F0\nint a;\n#else\nint b;\n#endif\n#if PY_VERSION_HEX >= 0x03100000\nint c;\n#endif\n';
    assert.equal(blankDeadBranches(source, scanDirectives(source)), source);
  });

  it('keeps characters outside the BMP at their UTF-16 offsets', () => {
    const source = '/* 🐍 */\n#if 0\nx\n#endif\nint 🐍y;\n';
    const text = blankDeadBranches(source, scanDirectives(source));
    assertSameShape(source, text);
    assert.ok(text.endsWith('int 🐍y;\n'));
  });
});

describe('parse', () => {
  it('gives up past its time budget and parses the next file normally', async () => {
    const { parse } = await import('../src/source/parse.js');
    const slow = 'int f(void) { return 1; }\n'.repeat(20000);
    assert.equal(parse(slow, 'c', 0), null);
    assert.equal(parse('int g(void) { return 2; }\n')?.rootNode.hasError, false);
  });
});
