/**
 * Hostile input, through the built CLI as a user runs it. Every case puts a known-undeclared
 * module (ok.c) next to the hostile file and requires: no stack trace, no hang (cli()'s spawn
 * timeout), a note naming the hostile file where it is defective, ok.c's finding still
 * reported, and the documented exit code (2 only when the request itself cannot be served).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BIN, cli, project, UNDECLARED, type Run } from './support/cli.js';
import { tempDir } from './support/temp.js';

interface Location {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

type Found = Location & { ruleId: string };

interface Report {
  summary: { filesAudited: number };
  findings: Found[];
  skipped: { file: string; reason: string }[];
  diagnostics: { file: string; message: string }[];
}

const STACK_FRAME = /^\s+at /m;

/** UNDECLARED's one finding, the slot array's name (line 5, column 25), or where it moved to. */
function okAt(file: string, line = 5, column = 25, length = 'demo_slots'.length): Found {
  return { ruleId: 'module-missing-gil-slot', file, startLine: line, startColumn: column, endLine: line, endColumn: column + length };
}

/** UNDECLARED as another module, so that two of them in one tree do not merge. */
function undeclared(name: string): string {
  return UNDECLARED.replace(/_speedups/g, `_${name}`);
}

function noCrash(run: Run): void {
  assert.notEqual(run.status, null, `killed by the timeout or a signal\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, STACK_FRAME);
}

function auditJson(cwd: string, args: string[] = [], as: { uid?: number; gid?: number } = {}): { run: Run; report: Report } {
  const run = cli(['--format', 'json', ...args], { cwd, ...as });
  noCrash(run);
  return { run, report: JSON.parse(run.stdout) as Report };
}

function finding(report: Report, file: string): Found {
  const found = report.findings.filter((f) => f.file === file);
  assert.equal(found.length, 1, `one finding in ${file}: ${JSON.stringify(report.findings)}`);
  const { ruleId, startLine, startColumn, endLine, endColumn } = found[0];
  return { ruleId, file, startLine, startColumn, endLine, endColumn };
}

function okStillAudited(report: Report): void {
  assert.deepEqual(finding(report, 'ok.c'), okAt('ok.c'));
}

/** A module whose slot array is declared on line 1, so that whatever precedes it there shifts the finding's column. */
const SLOTS_ON_LINE_ONE = `static PyModuleDef_Slot bom_slots[] = {
    {0, NULL}
};
static struct PyModuleDef bom_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "demo._bom",
    .m_slots = bom_slots,
};
PyMODINIT_FUNC
PyInit__bom(void)
{
    return PyModuleDef_Init(&bom_module);
}
`;

describe('hostile input', () => {
  it('skips a binary file named .c with a note, and audits the rest', () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]), Buffer.alloc(4000, 0x90)]);
    const root = project({ 'blob.c': elf, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, [{ file: 'blob.c', reason: 'binary file (contains NUL bytes)' }]);
    assert.match(run.stderr, /^cext-audit: note: skipped blob\.c: binary file \(contains NUL bytes\)$/m);
    okStillAudited(report);
    const text = cli([], { cwd: root });
    assert.match(text.stdout, /^note: skipped blob\.c: binary file/m, 'the text report lists it too');
  });

  it('audits a text file with NUL bytes after the binary probe, as compilers do, with a note', () => {
    const padding = `/*${' padding'.repeat(1200)} */\n`;
    assert.ok(padding.length > 8000);
    const root = project({ 'late.c': `${padding}int a;\0\0\n${undeclared('late')}`, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.diagnostics, [{ file: 'late.c', message: 'line 2: 2 NUL bytes in a text file (compilers ignore them)' }]);
    assert.match(run.stderr, /^cext-audit: note: late\.c: line 2: 2 NUL bytes/m);
    assert.deepEqual(finding(report, 'late.c'), okAt('late.c', 7));
    okStillAudited(report);
  });

  it('reads Latin-1 text as Latin-1, one column per byte, with a note', () => {
    const latin1 = Buffer.from(`/* J\xf6rg M\xfcller */ ${undeclared('latin').replace('static PyModuleDef_Slot', '/*\xe9*/static PyModuleDef_Slot')}`, 'latin1');
    const root = project({ 'latin.c': latin1, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.diagnostics, [{ file: 'latin.c', message: 'not valid UTF-8; read as Latin-1' }]);
    assert.match(run.stderr, /^cext-audit: note: latin\.c: not valid UTF-8; read as Latin-1$/m);
    assert.deepEqual(finding(report, 'latin.c'), okAt('latin.c', 5, 30));
    okStillAudited(report);
  });

  it('reads invalid UTF-8 (a truncated sequence, a lone continuation byte) as Latin-1, with a note', () => {
    const source = undeclared('broken').replace('static PyModuleDef_Slot', '/*\xe2\x82*/static PyModuleDef_Slot');
    const root = project({ 'broken.c': Buffer.concat([Buffer.from('/* \x80 */\n', 'latin1'), Buffer.from(source, 'latin1')]), 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.diagnostics, [{ file: 'broken.c', message: 'not valid UTF-8; read as Latin-1' }]);
    assert.match(run.stderr, /broken\.c: not valid UTF-8/);
    assert.deepEqual(finding(report, 'broken.c'), okAt('broken.c', 6, 31));
    okStillAudited(report);
  });

  it('counts UTF-8 text outside the BMP in UTF-16 code units', () => {
    const root = project({ 'emoji.c': `/*🐍*/${SLOTS_ON_LINE_ONE}`, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.diagnostics, []);
    assert.deepEqual(finding(report, 'emoji.c'), okAt('emoji.c', 1, 31, 'bom_slots'.length));
    okStillAudited(report);
  });

  it('does not count a UTF-8 byte order mark as a column of line 1', () => {
    const root = project({ 'bom.c': `\ufeff${SLOTS_ON_LINE_ONE}`, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.diagnostics, []);
    assert.deepEqual(finding(report, 'bom.c'), okAt('bom.c', 1, 25, 'bom_slots'.length));
    assert.match(cli([], { cwd: root }).stdout, /^bom\.c:1:25: error\[module-missing-gil-slot\]/m);
    okStillAudited(report);
  });

  it('does not count a byte order mark as a column when the rest is read as Latin-1', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${SLOTS_ON_LINE_ONE}/* \xe9 */\n`, 'latin1')]);
    const root = project({ 'bom.c': bytes, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.diagnostics, [{ file: 'bom.c', message: 'not valid UTF-8; read as Latin-1' }]);
    assert.deepEqual(finding(report, 'bom.c'), okAt('bom.c', 1, 25, 'bom_slots'.length));
    okStillAudited(report);
  });

  for (const [name, eol] of [['CRLF', '\r\n'], ['lone-CR', '\r']] as const) {
    it(`keeps lines and columns right with ${name} line endings`, () => {
      // A // comment and a directive before the finding: both end at the line ending, not at the next LF.
      const source = `// first line\n${undeclared('eol')}`.replace(/\n/g, eol);
      const root = project({ 'eol.c': source, 'ok.c': UNDECLARED });
      const { run, report } = auditJson(root);
      assert.equal(run.status, 1);
      assert.deepEqual(report.diagnostics, []);
      assert.deepEqual(finding(report, 'eol.c'), okAt('eol.c', 6));
      const text = cli([], { cwd: root });
      assert.match(text.stdout, /^eol\.c:6:25: error\[module-missing-gil-slot\]/m);
      assert.match(text.stdout, /^> 6 \| static PyModuleDef_Slot demo_slots\[\] = \{$/m, 'the code frame shows the right line');
      okStillAudited(report);
    });
  }

  it('skips a 20 MB file by default with a note, and audits it in bounded time with --max-file-size 30', () => {
    const row = `${Array.from({ length: 16 }, (_, i) => `0x${((i * 37) & 0xff).toString(16).padStart(2, '0')}`).join(', ')},\n`;
    const rows = Math.ceil((20 * 2 ** 20) / row.length);
    const big = `static const unsigned char blob[] = {\n${row.repeat(rows)}};\n${undeclared('big')}`;
    const root = project({ 'big.c': big, 'ok.c': UNDECLARED });
    const skipped = auditJson(root);
    assert.equal(skipped.run.status, 1);
    assert.deepEqual(skipped.report.skipped, [{ file: 'big.c', reason: 'larger than --max-file-size (20.0 MB > 10.0 MB)' }]);
    assert.match(skipped.run.stderr, /^cext-audit: note: skipped big\.c: larger than --max-file-size/m);
    okStillAudited(skipped.report);
    const audited = auditJson(root, ['--max-file-size', '30']);
    assert.equal(audited.run.status, 1);
    assert.deepEqual(audited.report.skipped, []);
    assert.deepEqual(finding(audited.report, 'big.c'), okAt('big.c', rows + 3 + 4));
    okStillAudited(audited.report);
  });

  it('audits 10 000 nested braces', () => {
    const depth = 10_000;
    const source = `PyObject *\nf(PyObject *d, PyObject *k)\n{\n${'{'.repeat(depth)} return PyDict_GetItem(d, k); ${'}'.repeat(depth)}\n}\n`;
    const root = project({ 'braces.c': source, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(finding(report, 'braces.c'), { ruleId: 'borrowed-dict-item', file: 'braces.c', startLine: 4, startColumn: depth + 9, endLine: 4, endColumn: depth + 29 });
    okStillAudited(report);
  });

  it('audits 10 000 nested parentheses', () => {
    const depth = 10_000;
    const source = `PyObject *\nf(PyObject *d, PyObject *k)\n{\n    return PyDict_GetItem(d, ${'('.repeat(depth)}k${')'.repeat(depth)});\n}\n`;
    const root = project({ 'parens.c': source, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(finding(report, 'parens.c'), { ruleId: 'borrowed-dict-item', file: 'parens.c', startLine: 4, startColumn: 12, endLine: 4, endColumn: 12 + 'PyDict_GetItem(d, k)'.length + 2 * depth });
    okStillAudited(report);
  });

  it('audits a generated file of 60 000 small functions in bounded time', () => {
    const source = `#include <Python.h>\n${Array.from({ length: 60_000 }, (_, i) => `static PyObject *f${i}(PyObject *o) { return o; }`).join('\n')}\n`;
    const root = project({ 'many.c': source, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, []);
    okStillAudited(report);
  });

  // Each function pairs a thread-state save with its restore, a PySequence_Fast with its item: the pair of each call was once looked for in the whole file.
  it('audits a file of 40 000 functions with a thread-state save and a sequence item each, in bounded time', () => {
    const body =
      '{ PyObject *o; PyThreadState *ts = PyEval_SaveThread(); PyEval_RestoreThread(ts); Py_BEGIN_CRITICAL_SECTION(seq); ' +
      'PyObject *fast = PySequence_Fast(seq, "x"); o = PySequence_Fast_GET_ITEM(fast, 0); Py_END_CRITICAL_SECTION(); return o; }';
    const source = `#include <Python.h>\n${Array.from({ length: 40_000 }, (_, i) => `static PyObject *f${i}(PyObject *self, PyObject *seq) ${body}`).join('\n')}\n`;
    const root = project({ 'many.c': source, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root, ['--max-file-size', '30']);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, []);
    okStillAudited(report);
  });

  /**
   * Generated shapes that once took quadratic (or cubic) time or ran out of memory, each at a
   * size the old code did not finish within the CLI test's 60 s (or crashed on). Each is
   * audited beside ok.c, which must keep its finding; `found` lists the lines of shape.c where
   * `rule` must report, when the shape also tests that the fast path still reads right. Shapes
   * that would make a finding per repetition run with ok.c's rule alone: the slow part was in
   * reading the facts.
   */
  interface Shape {
    name: string;
    body: () => string;
    /** Other files beside it. */
    files?: Record<string, string>;
    args?: string[];
    found?: { rule: string; lines: number[]; why: string };
  }
  const repeat = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('');
  const method = (body: string) => `static PyObject *f(PyObject *self, PyObject *o)\n{\n${body}    return NULL;\n}\n`;
  const METHODS = 'static PyMethodDef methods[] = {{"f", (PyCFunction)f, METH_O, NULL}, {NULL}};\n';
  const ONLY_OK = ['--select', 'module-missing-gil-slot'];
  const SHAPES: Shape[] = [
    {
      // Each re-attaches to the end of its block: with no Py_UNBLOCK_THREADS, that end was looked for from every one.
      name: '30 000 Py_BLOCK_THREADS in one allow-threads block',
      body: () => method(`    Py_BEGIN_ALLOW_THREADS\n    PyErr_Clear();\n${'    Py_BLOCK_THREADS x = 1;\n'.repeat(30_000)}    PyErr_Clear();\n    Py_END_ALLOW_THREADS\n`),
      found: { rule: 'python-api-while-detached', lines: [5], why: 'the call before the first Py_BLOCK_THREADS is detached, the one after the last is not' },
    },
    {
      // The declared type of each allocation's target was read by a scan from the function's start to the call.
      name: '50 000 allocations in one function',
      body: () => method(`    void *p;\n    char *buf;\n${'    p = PyObject_Malloc(1);\n'.repeat(50_000)}    buf = PyObject_Malloc(8);\n`),
      found: { rule: 'memory-domain-mismatch', lines: [50_006], why: 'only the char * buffer is one; a void * is not judged' },
    },
    {
      // The allocator of each PyObject_Init's memory was looked for among all the file's calls.
      name: '100 000 PyObject_Init calls on reassigned memory',
      body: () => `static PyTypeObject T;\n${method(`${'    p = PyObject_Malloc(16); PyObject_Init(p, &T);\n'.repeat(100_000)}    p = PyMem_Malloc(16); PyObject_Init(p, &T);\n`)}`,
      found: { rule: 'memory-domain-mismatch', lines: [100_005], why: 'only the object in PyMem memory' },
    },
    { name: '4 000 switches, each tested once', body: () => repeat(4000, (i) => `#define SWITCH${i} 1\n#if FEATURE${i}\nint x${i};\n#endif\n`) },
    { name: '32 000 nested #ifdef', body: () => `${repeat(32_000, (i) => `#ifdef LEVEL${i}\n`)}int x;\n${'#endif\n'.repeat(32_000)}` },
    { name: 'an #if chain of 32 000 #elif', body: () => `#if A0\nint x0;\n${repeat(32_000, (i) => `#elif A${i + 1}\nint x${i + 1};\n`)}#endif\n` },
    {
      name: '3 200 mutexes locked in turn around a helper call',
      body: () => `static void helper(void) { }\n${method(repeat(3200, (i) => `    PyMutex_Lock(&m${i});\n    helper();\n    PyMutex_Unlock(&m${i});\n`))}${METHODS}`,
    },
    { name: '8 000 gotos out of one critical section', body: () => method(`    Py_BEGIN_CRITICAL_SECTION(o);\n${repeat(8000, (i) => `    if (g()) goto out${i};\nout${i}: ;\n`)}    Py_END_CRITICAL_SECTION();\n`) },
    { name: '80 000 definitions of one macro', body: () => '#define WRAP(x) inner(x)\n'.repeat(80_000) },
    { name: 'a chain of 64 000 macros ending in the C API', body: () => `${repeat(64_000, (i) => `#define LINK${i} LINK${i + 1}\n`)}#define LINK64000 Py_None\n` },
    { name: 'a chain of 64 000 macros ending in an annotation', body: () => `${repeat(64_000, (i) => `#define NOTE${i} NOTE${i + 1}\n`)}#define NOTE64000 static\n` },
    { name: '64 000 borrowed calls on a dict made again before each', body: () => method('    d = PyDict_New();\n    v = PyDict_GetItem(d, k);\n'.repeat(64_000)) },
    { name: '64 000 thread-state saves before one restore', body: () => method(`${'    ts = PyEval_SaveThread();\n    g();\n'.repeat(64_000)}    PyEval_RestoreThread(ts);\n`), args: ONLY_OK },
    { name: 'a #define with 600 000 spaces in its body', body: () => `#define SPACED a${' '.repeat(600_000)}b\n` },
    { name: 'one assignment chained 96 000 times', body: () => method(`    a0 = ${repeat(96_000, (i) => `a${i + 1} = `)}0;\n`) },
    {
      name: '64 000 borrowed items of a dict its mutex guards',
      body: () => `static PyObject *cache;\nstatic PyMutex lock;\n${method(`    PyMutex_Lock(&lock);\n${'    v = PyDict_GetItem(cache, k);\n'.repeat(64_000)}    PyMutex_Unlock(&lock);\n`)}${METHODS}`,
    },
    { name: 'one expression of 32 000 reference-count reads', body: () => method(`    x = a${'-b.ob_refcnt'.repeat(32_000)};\n`), args: ONLY_OK },
    {
      // Each init's walk collected the helper's calls again.
      name: '32 000 PyInit_ functions sharing one helper of 32 000 calls',
      body: () =>
        `static PyModuleDef d = {PyModuleDef_HEAD_INIT, "m"};\nstatic PyObject *common(void) {\n${'    g();\n'.repeat(32_000)}    return PyModule_Create(&d);\n}\n` +
        repeat(32_000, (i) => `PyMODINIT_FUNC PyInit_m${i}(void) { PyObject *m = common(); PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED); return m; }\n`) +
        'PyMODINIT_FUNC PyInit_last(void) { return common(); }\n',
      args: ['--select', 'module-missing-gil-slot,module-missing-set-gil'],
      found: { rule: 'module-missing-set-gil', lines: [64_006], why: 'only the init that does not call PyUnstable_Module_SetGIL' },
    },
    {
      // Each definition's body was looked for among the calls and assignments of all of them.
      name: '32 000 definitions of one PyInit_ function',
      body: () =>
        `static PyModuleDef d = {PyModuleDef_HEAD_INIT, "m"};\n${'PyMODINIT_FUNC PyInit_m(void) { PyObject *m = PyModule_Create(&d); mod = m; PyUnstable_Module_SetGIL(mod, Py_MOD_GIL_NOT_USED); return m; }\n'.repeat(32_000)}` +
        'PyMODINIT_FUNC PyInit_m(void) { PyObject *m = PyModule_Create(&d); mod = m; return m; }\n',
      args: ['--select', 'module-missing-gil-slot,module-missing-set-gil'],
      found: { rule: 'module-missing-set-gil', lines: [32_003], why: 'only the definition that does not declare, through its copy of the module' },
    },
    {
      // What a header defines of the names a file tests travels with the file.
      name: 'a header of 32 000 switches, each tested in the file',
      body: () => `#include "switches.h"\nstatic long hits;\n${method(repeat(32_000, (i) => `#if S${i}\n    hits++;\n#endif\n`))}${METHODS}`,
      files: { 'switches.h': repeat(32_000, (i) => `#define S${i} ${i % 2}\n`) },
      args: ['--select', 'static-state-write,module-missing-gil-slot'],
      found: { rule: 'static-state-write', lines: repeat(16_000, (i) => `${10 + 6 * i} `).trim().split(' ').map(Number), why: 'only the writes under the switches set to 1' },
    },
    {
      // Each file's closure held every header after it: quadratic in the length of the chain.
      name: 'a chain of 20 000 headers, each including the next',
      body: () => `#include "h0.h"\n${method('#if S3\n    g1++;\n#endif\n')}${METHODS}`,
      files: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`h${i}.h`, `#include "h${i + 1}.h"\n#define S${i} 1\nextern long g${i};\n`])),
      args: ['--select', 'static-state-write,module-missing-gil-slot'],
      found: { rule: 'static-state-write', lines: [6], why: 'the global of a header three includes away, under its switch' },
    },
  ];
  for (const { name, body, args = [], files = {}, found } of SHAPES) {
    it(`audits ${name} in bounded time`, () => {
      const root = project({ 'shape.c': `#include <Python.h>\n${body()}`, 'ok.c': UNDECLARED, ...files });
      const { run, report } = auditJson(root, ['--max-file-size', '30', ...args]);
      noCrash(run);
      assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
      assert.deepEqual(report.skipped, []);
      okStillAudited(report);
      if (found !== undefined) {
        const lines = report.findings.filter((f) => f.file === 'shape.c' && f.ruleId === found.rule).map((f) => f.startLine);
        assert.deepEqual(lines, found.lines, found.why);
      }
    });
  }

  it('prints 32 000 findings of one file as text in bounded time', () => {
    // Each code frame read the file from disk again and split all of it: quadratic in findings.
    const body = `static long hits;\nstatic PyObject *f(PyObject *self, PyObject *o)\n{\n${'    hits++;\n'.repeat(32_000)}    return NULL;\n}\n`;
    const root = project({ 'shape.c': `#include <Python.h>\n${body}static PyMethodDef methods[] = {{"f", (PyCFunction)f, METH_O, NULL}, {NULL}};\n` });
    const run = cli(['--select', 'static-state-write', '--no-cache'], { cwd: root });
    noCrash(run);
    assert.equal(run.status, 1);
    assert.equal(run.stdout.match(/^shape\.c:\d+:5: warning\[static-state-write\]/gm)?.length, 32_000);
    assert.match(run.stdout, /^> 32004 \|     hits\+\+;$/m, 'the last frame is numbered from its own line');
  });

  it('outlines a file of 100 000 closed calls, 100 000 unclosed ones and initialisers that names no Python API', () => {
    const source = `int g(void) { return 0; }\n${'X(a) '.repeat(100_000)}\n${'x = f(a, '.repeat(100_000)}\n${'t = { b, '.repeat(100_000)}\n`;
    const root = project({ 'vendor.c': source, 'ok.c': UNDECLARED });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, []);
    okStillAudited(report);
  });

  for (const [name, hostile, note, findingLine] of [
    ['an unterminated comment', `${undeclared('h')}\nint a; /* never closed\nint b;\n`, 'line 22: unterminated /* comment: the rest of the file is a comment', 5],
    ['an unterminated string', `const char *s = "never closed;\n${undeclared('h')}`, 'line 1: unterminated string literal', 6],
    ['an unterminated #if', `#if PY_VERSION_HEX >= 0x030D0000\n${undeclared('h')}`, 'line 1: #if without #endif', 6],
    ['a stray #endif', `${undeclared('h')}#endif\n`, 'line 21: #endif without #if', 5],
  ] as const) {
    it(`audits a file with ${name}, with a note naming the line`, () => {
      const root = project({ 'h.c': hostile, 'ok.c': UNDECLARED });
      const { run, report } = auditJson(root);
      assert.equal(run.status, 1);
      assert.deepEqual(report.skipped, []);
      assert.deepEqual(report.diagnostics, [{ file: 'h.c', message: note }]);
      assert.match(run.stderr, new RegExp(`^cext-audit: note: h\\.c: ${note.replace(/[/*#]/g, '\\$&')}$`, 'm'));
      assert.equal(report.summary.filesAudited, 2);
      assert.deepEqual(finding(report, 'h.c'), okAt('h.c', findingLine), 'the module beside the defect is still seen');
      okStillAudited(report);
    });
  }

  /** A file the audit takes in its stride beside ok.c: no note, both audited, only ok.c's finding. */
  function auditedQuietly(name: string, text: string): void {
    const { run, report } = auditJson(project({ [name]: text, 'ok.c': UNDECLARED }));
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.equal(report.summary.filesAudited, 2);
    assert.deepEqual(report.findings.map((f) => f.file), ['ok.c']);
    okStillAudited(report);
  }

  it('ignores a #define whose parameter list a compiler rejects', () => {
    auditedQuietly('h.c', '#define GET(d, (k) PyDict_GetItem(d, k)\nstatic PyObject *\nget(PyObject *self, PyObject *d)\n{\n    return GET(d, self);\n}\n');
  });

  it('audits a file that is only macros, quietly', () => {
    const macros = [
      '#ifndef ONLY_MACROS_H',
      '#define ONLY_MACROS_H',
      '#define LOCK(o) Py_BEGIN_CRITICAL_SECTION(o)',
      '#define UNLOCK() Py_END_CRITICAL_SECTION()',
      '#define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)',
      '#define GET(d, k) PyDict_GetItem((d), (k))',
      '#define EMPTY',
      '#define CONTINUED(a, \\',
      '                  b) ((a) + (b))',
      '#endif',
    ].join('\n');
    auditedQuietly('macros.h', macros);
  });

  it('skips a file it may not read with a note, even when the tests run as root', (t) => {
    const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if ('uid' in nobody && spawnSync(process.execPath, [BIN, '--version'], { ...nobody, timeout: 60_000 }).status !== 0) {
      t.skip('uid 65534 cannot run this checkout');
      return;
    }
    const root = project({ 'locked.c': UNDECLARED, 'ok.c': UNDECLARED });
    chmodSync(root, 0o755);
    chmodSync(path.join(root, 'locked.c'), 0o000);
    const { run, report } = auditJson(root, [], nobody);
    assert.equal(run.status, 1);
    assert.deepEqual(report.skipped, [{ file: 'locked.c', reason: 'cannot read: EACCES' }]);
    assert.match(run.stderr, /^cext-audit: note: skipped locked\.c: cannot read: EACCES$/m);
    okStillAudited(report);
    const named = auditJson(root, ['locked.c', 'ok.c'], nobody);
    assert.equal(named.run.status, 1, 'a named file that cannot be read is skipped too, not a usage error');
    assert.deepEqual(named.report.skipped, [{ file: 'locked.c', reason: 'cannot read: EACCES' }]);
  });

  it('does not follow symbolic links while discovering files, and audits a link named on the command line', () => {
    const outside = tempDir('outside-');
    writeFileSync(path.join(outside, 'far.c'), undeclared('far'));
    const root = project({ 'ok.c': UNDECLARED, 'sub/inner.c': undeclared('inner') });
    symlinkSync('..', path.join(root, 'sub/loop'));
    symlinkSync(outside, path.join(root, 'outside'));
    symlinkSync(path.join(outside, 'far.c'), path.join(root, 'far.c'));
    symlinkSync('self.c', path.join(root, 'self.c'));
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.deepEqual(report.findings.map((f) => f.file), ['ok.c', 'sub/inner.c']);
    okStillAudited(report);
    const named = auditJson(root, ['far.c', 'ok.c']);
    assert.equal(named.run.status, 1);
    assert.deepEqual(named.report.findings.map((f) => f.file), ['far.c', 'ok.c']);
    const loop = cli(['self.c'], { cwd: root });
    noCrash(loop);
    assert.equal(loop.status, 2, 'a named path that cannot be resolved cannot be served');
    assert.equal(loop.stderr, 'cext-audit: error: self.c: cannot read (ELOOP)\n');
  });

  it('names files with spaces, unicode, %, comma, colon and a newline correctly in text and json', () => {
    const names = ['with space.c', 'ünïcødé_模块.c', '100%.c', 'a,b.c', 'c:d.c', 'new\nline.c'];
    const root = project({ 'ok.c': UNDECLARED, ...Object.fromEntries(names.map((n, i) => [n, undeclared(`m${i}`)])) });
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.deepEqual(new Set(report.findings.map((f) => f.file)), new Set([...names, 'ok.c']));
    for (const name of names) assert.deepEqual(finding(report, name), okAt(name));
    const text = cli([], { cwd: root });
    for (const name of names) assert.ok(`\n${text.stdout}`.includes(`\n${name.replace('\n', '\\n')}:5:25: error[module-missing-gil-slot]`), name);
  });

  it('keeps the control characters of file names and code out of the terminal and the CI log', () => {
    const names = ['esc\x1b[2J.c', 'inject\n::error title=forged::x.c', 'bell\x07cr\rbidi\u202e.c'];
    // The module's name literal reaches the message, the comment on line 4 the code frame, and the unclosed comment a note.
    const hostile = (i: number) => undeclared(`m${i}\x1b[31m\u202e`).replace('\n\nstatic PyModuleDef_Slot', '\n/* \x1b]0;title\x07 */\nstatic PyModuleDef_Slot') + '/* never closed\n';
    const root = project({ 'ok.c': UNDECLARED, ...Object.fromEntries(names.map((n, i) => [n, hostile(i)])) });
    const { report } = auditJson(root);
    assert.deepEqual(new Set(report.findings.map((f) => f.file)), new Set([...names, 'ok.c']), 'JSON keeps the exact names');
    const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (const args of [[], ['--format', 'markdown'], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'github']]) {
      const run = cli(args, { cwd: root });
      for (const [stream, out] of [['stdout', run.stdout], ['stderr', run.stderr]]) {
        assert.doesNotMatch(out, CONTROL, `${args.join(' ') || 'text'}: ${stream}`);
        // The annotations are the only workflow commands, one line each.
        const commands = out.split('\n').filter((line) => line.startsWith('::'));
        const ours = args[1] === 'github' && stream === 'stdout' ? commands.filter((line) => /^::(?:error|warning|notice) (?:file=|title=cext-audit)/.test(line)) : [];
        assert.deepEqual(commands, ours, `${args.join(' ') || 'text'}: ${stream} starts no other workflow command`);
        if (ours.length > 0) assert.equal(ours.length, 4, 'one annotation per finding');
      }
      if (args.length === 0) {
        assert.match(run.stdout, /^esc\\x1b\[2J\.c:5:25: error\[module-missing-gil-slot\] module "demo\._m0\\x1b\[31m\\u202e"/m);
        assert.match(run.stdout, /^inject\\n::error title=forged::x\.c:5:25: /m);
        assert.match(run.stdout, /\/\* \u241b\]0;title\u2407 \*\//, 'the code frame shows control pictures in place');
      }
      if (args[1] === 'json') assert.match(run.stderr, /^cext-audit: note: bell\\x07cr\\rbidi\\u202e\.c: line 2\d: unterminated/m);
    }
  });

  it('notes an empty directory and exits 0; an empty directory in a tree changes nothing', () => {
    const root = project({ 'ok.c': UNDECLARED });
    mkdirSync(path.join(root, 'empty'));
    const alone = cli(['empty'], { cwd: root });
    noCrash(alone);
    assert.equal(alone.status, 0);
    assert.equal(alone.stderr, 'cext-audit: note: no C, C++ or Cython sources found under empty\n');
    assert.match(alone.stdout, /No findings in 0 files\./);
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    okStillAudited(report);
  });

  it('stops with exit 2 and one line on stderr for a path that does not exist', () => {
    const root = project({ 'ok.c': UNDECLARED });
    const run = cli(['ok.c', 'missing.c'], { cwd: root });
    noCrash(run);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'cext-audit: error: missing.c: no such file or directory\n');
    assert.equal(run.stdout, '');
  });

  it('treats a directory named x.c as a directory', () => {
    const root = project({ 'ok.c': UNDECLARED, 'x.c/inner.c': undeclared('inner') });
    mkdirSync(path.join(root, 'y.c'));
    const { run, report } = auditJson(root);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.findings.map((f) => f.file), ['ok.c', 'x.c/inner.c']);
    okStillAudited(report);
    const named = auditJson(root, ['x.c', 'y.c']);
    assert.equal(named.run.status, 1);
    assert.deepEqual(named.report.findings.map((f) => f.file), ['x.c/inner.c']);
  });
});
