import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { enclosingBlockEnds, extractFacts, placeInRegions, type Region } from '../src/facts/extract.js';
import type { CallFact } from '../src/facts/types.js';
import { mustParse } from './support/parse.js';
import { macroTable, prepass } from '../src/source/prepass.js';
import { scanDirectives } from '../src/source/scan.js';

function facts(source: string) {
  const prepared = prepass(source, macroTable([], new Map()));
  return extractFacts('t.c', source, mustParse(prepared.text), scanDirectives(source), prepared.uses, prepared.code);
}

const SOURCE = `#include <Python.h>
#define MODULE_NAME "pkg.mod"

static PyObject *cache = NULL;

static int
exec_module(PyObject *m)
{
    PyObject *list = PyList_New(0);
    cache = (PyObject *)PyDict_New();
    if (list == PyList_New(1)) {}
    self->field = PyLong_FromLong(1);
    Py_BEGIN_ALLOW_THREADS
    do_io(m, /* a, b */ "x,y", f(1, 2));
    Py_END_ALLOW_THREADS
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
#ifdef Py_GIL_DISABLED
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static PyModuleDef def = {PyModuleDef_HEAD_INIT, .m_name = MODULE_NAME, .m_slots = slots};
static struct PyModuleDef other = {PyModuleDef_HEAD_INIT, "other", NULL, -1, NULL, NULL};

PyMODINIT_FUNC PyInit_mod(void) { return PyModuleDef_Init(&def); }
`;

describe('file facts', () => {
  const f = facts(SOURCE);

  it('records functions with the range of their name', () => {
    assert.deepEqual(
      f.functions.map((fn) => [fn.name, fn.isStatic, fn.range.startLine, fn.range.startColumn]),
      [
        ['exec_module', true, 7, 1],
        ['PyInit_mod', false, 30, 16],
      ],
    );
  });

  it('records calls with arguments, enclosing function and assigned variable', () => {
    const calls = f.calls.map((c) => [c.callee, c.args, c.inFunction, c.assignedTo]);
    assert.deepEqual(calls, [
      ['PyList_New', ['0'], 'exec_module', 'list'],
      ['PyDict_New', [], 'exec_module', 'cache'],
      ['PyList_New', ['1'], 'exec_module', null],
      ['PyLong_FromLong', ['1'], 'exec_module', 'self->field'],
      ['do_io', ['m', '"x,y"', 'f(1, 2)'], 'exec_module', null],
      ['f', ['1', '2'], 'exec_module', null],
      ['PyModuleDef_Init', ['&def'], 'PyInit_mod', null],
    ]);
  });

  it('reads slot entries and the guard of each', () => {
    assert.equal(f.slotArrays.length, 1);
    const entries = f.slotArrays[0].entries.map((e) => (e.kind === 'slot' ? [e.slot, e.value, e.range.startLine, e.guard] : [e.name]));
    assert.deepEqual(entries, [
      ['Py_mod_exec', 'exec_module', 20, []],
      ['Py_mod_gil', 'Py_MOD_GIL_NOT_USED', 22, ['defined(Py_GIL_DISABLED)']],
      ['0', 'NULL', 24, []],
    ]);
  });

  it('reads positional and designated module definitions', () => {
    assert.deepEqual(
      f.moduleDefs.map((d) => [d.name, d.moduleName, d.slots.kind, d.slots.kind === 'name' ? d.slots.name : null]),
      [
        ['def', { expression: 'MODULE_NAME' }, 'name', 'slots'],
        ['other', { literal: 'other' }, 'null', null],
      ],
    );
  });

  it('records #define lines', () => {
    assert.deepEqual(
      f.defines.map((d) => [d.name, d.params, d.body, d.range.startLine]),
      [['MODULE_NAME', null, '"pkg.mod"', 2]],
    );
  });

  it('keeps positions right after a multi-byte character', () => {
    const g = facts('/* é 🐍 */ static PyModuleDef_Slot s[] = {{0, NULL}};\n');
    assert.equal(g.slotArrays[0].range.startColumn, '/* é 🐍 */ static PyModuleDef_Slot '.length + 1);
  });
});

describe('facts for thread-safety rules', () => {
  const f = facts(`#define LOOKUP(d, k) PyDict_GetItem((d), (k))
static PyObject *cache = NULL, *other;
static const int LIMIT = 3;
static const char *names[4];
int counter;
extern PyObject *imported;
PyObject *make(void);
static PyTypeObject Kind = {0};

static PyObject *
method(PyObject *self, PyObject *const *args, Py_ssize_t n, PyObject *Py_UNUSED(ignored))
{
    PyObject *d = args[0], *l = args[1];
    PyDict_GetItem(d, self);
    Py_BEGIN_CRITICAL_SECTION(d);
    PyDict_Next(d, NULL, NULL, NULL);
    Py_BEGIN_CRITICAL_SECTION2(l, self);
    PyList_GET_ITEM(l, 0);
    Py_END_CRITICAL_SECTION2();
    Py_END_CRITICAL_SECTION();
    Py_BEGIN_ALLOW_THREADS
    compute(n);
    Py_END_ALLOW_THREADS
    return PyList_GetItem(l, 0);
}
`);

  it('reads a write right after a directive line as a write, not as a declaration of a local', () => {
    const g = facts('static long hits, misses;\nstatic void count(int found)\n{\n#ifndef NDEBUG\n    hits++;\n#endif\n    misses += !found;\n    long hits = 0;\n    hits++;\n}\n');
    assert.deepEqual(g.staticWrites.map((w) => w.text), ['hits++', 'misses += !found']);
  });

  it('names the parameters, through Py_UNUSED', () => {
    assert.deepEqual(f.functions[0].params, ['self', 'args', 'n', 'ignored']);
  });

  it('records file-scope variables but not prototypes or extern declarations', () => {
    assert.deepEqual(
      f.variables.map((v) => [v.name, v.type, v.isStatic, v.isConst]),
      [
        ['cache', 'PyObject *', true, false],
        ['other', 'PyObject *', true, false],
        ['LIMIT', 'int', true, true],
        ['names', 'char *[]', true, false],
        ['counter', 'int', false, false],
        ['Kind', 'PyTypeObject', true, false],
      ],
    );
  });

  it('places each call in its critical sections and allow-threads blocks', () => {
    assert.deepEqual(
      f.calls.map((c) => [c.callee, c.criticalSections, c.allowThreads]),
      [
        ['PyDict_GetItem', [], false],
        ['PyDict_Next', ['d'], false],
        ['PyList_GET_ITEM', ['l', 'self'], false],
        ['compute', [], true],
        ['PyList_GetItem', [], false],
      ],
    );
  });

  it('lists the names a macro body calls', () => {
    assert.deepEqual(f.defines.map((d) => [d.name, d.calls]), [['LOOKUP', ['PyDict_GetItem']]]);
  });
});

describe('critical-section facts', () => {
  const f = facts(`static int
update(PyObject *self, PyObject *d, PyObject *items)
{
    Py_BEGIN_CRITICAL_SECTION(d);
    for (int i = 0; i < 3; i++) {
        if (i == 1) break;
        if (i == 2) continue;
    }
    switch (PyDict_Size(d)) {
    case 0:
        break;
    }
    if (PyDict_Size(d) > 10) {
        return -1;
    }
    Py_BEGIN_CRITICAL_SECTION(items);
    if (PyList_Size(items) == 0) goto done;
    Py_END_CRITICAL_SECTION();
    goto inside;
inside:
    Py_END_CRITICAL_SECTION();
done:
    return 0;
}
`);

  it('records BEGIN and END uses with their objects and function', () => {
    assert.deepEqual(
      f.blockMacros.map((m) => [m.name, m.role, m.objects, m.range.startLine, m.inFunction]),
      [
        ['Py_BEGIN_CRITICAL_SECTION', 'begin', ['d'], 4, 'update'],
        ['Py_BEGIN_CRITICAL_SECTION', 'begin', ['items'], 16, 'update'],
        ['Py_END_CRITICAL_SECTION', 'end', [], 18, 'update'],
        ['Py_END_CRITICAL_SECTION', 'end', [], 21, 'update'],
      ],
    );
  });

  it('finds the jumps that leave a section, and only those', () => {
    assert.deepEqual(
      f.sectionExits.map((e) => [e.statement, e.range.startLine, e.objects]),
      [
        ['return', 14, ['d']],
        ['goto', 17, ['items', 'd']],
      ],
    );
  });
});

describe('assignments', () => {
  it('reads the assigned variable before a call, across lines and casts', async () => {
    const { assignmentBefore } = await import('../src/facts/extract.js');
    assert.equal(assignmentBefore('    PyObject *m = '), 'm');
    assert.equal(assignmentBefore('x =\n        (PyObject *)('), 'x');
    assert.equal(assignmentBefore('self->cache = '), 'self->cache');
    assert.equal(assignmentBefore('if (a == '), null);
    assert.equal(assignmentBefore('n += '), null);
    assert.equal(assignmentBefore('return '), null);
  });

  it('records plain stores of an identifier, which publish an object', () => {
    const f = facts('static PyObject *cache;\nvoid f(PyObject *self, PyObject *d) {\n    self->dict = d;\n    cache = d;\n    int same = a == d;\n    d = NULL;\n}\n');
    assert.deepEqual(
      f.assignments.map((a) => [a.target, a.value, a.range.startLine]),
      [
        ['self->dict', 'd', 3],
        ['cache', 'd', 4],
      ],
    );
  });

  it('records each outer store of a chained assignment where its expression ends, after the value is made', () => {
    const f = facts('void f(Obj *self) {\n    self->cache = cache =\n        PyDict_New();\n    if ((self->a = b = g(x, y)) == NULL) {}\n    ok = x == y;\n}\n');
    assert.deepEqual(
      f.assignments.map((a) => [a.target, a.value, a.range.startLine, a.range.startColumn]),
      [
        ['self->cache', 'cache', 3, 21],
        ['self->a', 'b', 4, 31],
      ],
    );
  });
});

describe('unreachable code', () => {
  it('spans the statements after a top-level return, up to a label, in functions that call SetGIL', () => {
    const source = [
      'int f(PyObject *x) {', // 1
      '    if (x) return 1;', // 2: conditional, not a stretch
      '    return 0;', // 3
      '    /* gone */', // 4
      '    PyUnstable_Module_SetGIL(x, Py_MOD_GIL_NOT_USED);', // 5
      '    { h(); }', // 6
      'out:', // 7
      '    return 2;', // 8
      '}', // 9
      'int k(void) { return 0; }', // 10: nothing follows the return
      'int n(void) { return 0; { back: PyUnstable_Module_SetGIL(0, 0); } }', // 11: a nested label is a goto target
      'int p(void) { return 0; g(); }', // 12: no SetGIL call, which is all the fact is for
    ].join('\n');
    const [f, k, n, p] = facts(source).functions;
    assert.deepEqual(
      f.unreachable.map((u) => [u.afterReturn.startLine, u.range.startLine, u.range.endLine]),
      [[3, 5, 6]],
    );
    assert.deepEqual(k.unreachable, []);
    assert.deepEqual(n.unreachable, []);
    assert.deepEqual(p.unreachable, []);
  });
});

describe('enclosingBlockEnds', () => {
  /** The definition: scanning forward from `from`, the first `}` that closes more than it opened. */
  const scan = (source: string, from: number) => {
    let depth = 0;
    for (let i = from; i < source.length; i++) {
      if (source[i] === '{') depth++;
      else if (source[i] === '}' && --depth < 0) return i;
    }
    return source.length;
  };

  it('finds, in one pass, the end that a scan from each offset finds', () => {
    const text = fc.array(fc.constantFrom('{', '}', 'x', ' '), { maxLength: 60 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 12 }), (source, picks) => {
        const froms = [...new Set(picks.map((p) => p % (source.length + 1)))].sort((a, b) => a - b);
        assert.deepEqual(enclosingBlockEnds(source, froms), froms.map((from) => scan(source, from)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('placeInRegions', () => {
  /** The definition: the regions that start before a call and end after it; of the sections, the last to begin. */
  const around = (all: readonly Region[], at: number) => {
    const inside = all.filter((r) => r.start < at && r.end > at);
    const sections = inside.filter((r) => r.kind === 'critical-section');
    return {
      criticalSections: sections.length > 0 ? sections[sections.length - 1].objects : [],
      allowThreads: inside.some((r) => r.kind === 'allow-threads') && !inside.some((r) => r.kind === 'reattached'),
    };
  };

  it('gives each call the regions the definition gives', () => {
    const region = fc.record({
      kind: fc.constantFrom<Region['kind']>('critical-section', 'allow-threads', 'reattached'),
      start: fc.nat(50),
      length: fc.integer({ min: -2, max: 30 }),
      object: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(fc.array(region, { maxLength: 12 }), fc.uniqueArray(fc.nat(60), { maxLength: 15 }), (raw, points) => {
        const all: Region[] = raw.map((r) => ({ kind: r.kind, objects: [r.object], start: r.start, end: r.start + r.length })).sort((a, b) => a.start - b.start);
        const starts = [...points].sort((a, b) => a - b);
        const calls = starts.map(() => ({ criticalSections: [], allowThreads: false }) as unknown as CallFact);
        placeInRegions(calls, starts, all);
        calls.forEach((call, i) => assert.deepEqual({ criticalSections: call.criticalSections, allowThreads: call.allowThreads }, around(all, starts[i]), `at ${starts[i]}`));
      }),
      { numRuns: 1000 },
    );
  });
});
