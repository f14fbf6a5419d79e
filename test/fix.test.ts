import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { SyntaxNode } from '../src/source/parse.js';
import { parse } from '../src/source/parse.js';
import { macroTable, prepass } from '../src/source/prepass.js';
import { cli, project, UNDECLARED } from './support/cli.js';

const SINGLE_PHASE = `#include <Python.h>

static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT, "demo.legacy", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_legacy(void)
{
    PyObject *m = PyModule_Create(&legacy_module);
    if (m == NULL) {
        return NULL;
    }
    return m;
}
`;

const RISKY = UNDECLARED.replace('static int exec_module', 'static PyObject *get(PyObject *self, PyObject *d) { return PyDict_GetItem(d, self); }\nstatic int exec_module');

/**
 * ERROR and MISSING nodes outside preprocessor lines. tree-sitter turns every `#if` inside an
 * initialiser list into ERROR siblings (the guard of an inserted slot entry, too) while the
 * entries themselves parse; what must not change is how the code around them parses.
 */
function errorNodes(text: string, language: 'c' | 'cpp' = 'c'): number {
  const tree = parse(prepass(text, macroTable([], new Map())).text, language);
  assert.ok(tree);
  const lines = text.split(/\r?\n/);
  const onDirective = (node: SyntaxNode) => /^\s*#/.test(lines[node.startPosition.row] ?? '');
  const count = (node: SyntaxNode): number => ((node.type === 'ERROR' || node.isMissing) && !onDirective(node) ? 1 : 0) + node.children.reduce((n, c) => n + count(c), 0);
  return count(tree.rootNode);
}

/** The report without the packaging rules, whose notes (a classifier to add) follow a declaration. */
function json(root: string): { findings: { ruleId: string }[]; modules: { name: string; verdict: string }[] } {
  return JSON.parse(cli(['--format', 'json', '--no-cache', '--ignore', 'packaging'], { cwd: root }).stdout) as ReturnType<typeof json>;
}

describe('cext-audit fix --declare', () => {
  it('shows the diff first and writes nothing, then writes it with --no-dry-run; the module is then ready', () => {
    const root = project({ 'src/ext.c': UNDECLARED, 'src/legacy.c': SINGLE_PHASE });
    const dry = cli(['fix', '--declare'], { cwd: root });
    assert.equal(dry.status, 1, dry.stderr);
    assert.match(dry.stdout, /^\+#ifdef Py_mod_gil\n\+ {4}\{Py_mod_gil, Py_MOD_GIL_NOT_USED\},\n\+#endif\n {5}\{0, NULL\}$/m);
    assert.match(dry.stdout, /^\+#ifdef Py_GIL_DISABLED\n\+ {4}PyUnstable_Module_SetGIL\(m, Py_MOD_GIL_NOT_USED\);\n\+#endif\n {5}return m;$/m);
    assert.match(dry.stderr, /would declare 2 module\(s\) in 2 file\(s\)/);
    assert.equal(readFileSync(path.join(root, 'src/ext.c'), 'utf8'), UNDECLARED);

    const write = cli(['fix', '--declare', '--no-dry-run'], { cwd: root });
    assert.equal(write.status, 0, write.stderr);
    assert.equal(write.stdout, '');
    const report = json(root);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.modules.map((m) => m.verdict), ['ready', 'ready']);
    for (const [file, before] of [['src/ext.c', UNDECLARED], ['src/legacy.c', SINGLE_PHASE]]) {
      assert.equal(errorNodes(readFileSync(path.join(root, file), 'utf8')), errorNodes(before), `${file} parses as well as before`);
    }
    // Nothing is left to declare.
    const again = cli(['fix', '--declare'], { cwd: root });
    assert.equal(again.status, 0);
    assert.match(again.stderr, /no module is ready to be declared/);
  });

  it('checks the module for NULL itself when the init function does not', () => {
    const unchecked = SINGLE_PHASE.replace('    if (m == NULL) {\n        return NULL;\n    }\n', '');
    const root = project({ 'legacy.c': unchecked });
    const dry = cli(['fix', '--declare'], { cwd: root });
    assert.match(dry.stdout, /^\+#ifdef Py_GIL_DISABLED\n\+ {4}if \(m != NULL\) \{\n\+ {8}PyUnstable_Module_SetGIL\(m, Py_MOD_GIL_NOT_USED\);\n\+ {4}\}\n\+#endif\n {5}return m;$/m);
  });

  it('never declares a module with open findings, and says why', () => {
    const root = project({ 'ext.c': RISKY });
    const run = cli(['fix', '--declare', '--no-dry-run'], { cwd: root });
    assert.equal(run.status, 0);
    assert.match(run.stderr, /not declaring module "demo\._speedups" \(ext\.c\): 1 error\(s\) and warning\(s\) are still open in its files: fix them first/);
    assert.equal(readFileSync(path.join(root, 'ext.c'), 'utf8'), RISKY);
  });

  it('writes the slot unguarded when the project needs 3.13, and keeps CRLF line endings', () => {
    const crlf = UNDECLARED.replace(/\n/g, '\r\n');
    const root = project({ 'pyproject.toml': '[project]\nrequires-python = ">=3.13"\n', 'ext.c': crlf });
    assert.equal(cli(['fix', '--declare', '--no-dry-run'], { cwd: root }).status, 0);
    const fixed = readFileSync(path.join(root, 'ext.c'), 'utf8');
    assert.ok(fixed.includes('    {Py_mod_exec, exec_module},\r\n    {Py_mod_gil, Py_MOD_GIL_NOT_USED},\r\n    {0, NULL}'), fixed);
    assert.doesNotMatch(fixed, /[^\r]\n/);
    assert.deepEqual(json(root).findings, []);
    assert.equal(errorNodes(fixed), errorNodes(crlf));
  });

  it('declares Cython, pybind11 and nanobind modules their own way', () => {
    const root = project({
      'fast.pyx': '# cython: language_level=3\ndef f():\n    pass\n',
      // The encoding declaration must stay in the first two lines.
      'coded.pyx': '#!/usr/bin/env cython\n# -*- coding: latin-1 -*-\ndef g():\n    pass\n',
      'bind.cpp': '#include <pybind11/pybind11.h>\nnamespace py = pybind11;\nPYBIND11_MODULE(bind, m) {\n}\n',
      'plain/bind2.cpp': '#include <pybind11/pybind11.h>\nPYBIND11_MODULE(bind2, m) {\n}\n',
      'nb/CMakeLists.txt': 'nanobind_add_module(nbmod nbmod.cpp)\n',
      'nb/nbmod.cpp': '#include <nanobind/nanobind.h>\nNB_MODULE(nbmod, m) {\n}\n',
    });
    assert.equal(cli(['fix', '--declare', '--no-dry-run'], { cwd: root }).status, 0);
    assert.equal(readFileSync(path.join(root, 'fast.pyx'), 'utf8'), '# cython: freethreading_compatible=True\n# cython: language_level=3\ndef f():\n    pass\n');
    assert.equal(readFileSync(path.join(root, 'coded.pyx'), 'utf8'), '#!/usr/bin/env cython\n# -*- coding: latin-1 -*-\n# cython: freethreading_compatible=True\ndef g():\n    pass\n');
    assert.match(readFileSync(path.join(root, 'bind.cpp'), 'utf8'), /^PYBIND11_MODULE\(bind, m, py::mod_gil_not_used\(\)\) \{$/m);
    // Without `namespace py = pybind11;` the option is spelled in full.
    assert.match(readFileSync(path.join(root, 'plain/bind2.cpp'), 'utf8'), /^PYBIND11_MODULE\(bind2, m, pybind11::mod_gil_not_used\(\)\) \{$/m);
    assert.equal(readFileSync(path.join(root, 'nb/CMakeLists.txt'), 'utf8'), 'nanobind_add_module(nbmod FREE_THREADED nbmod.cpp)\n');
    const report = json(root);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.modules.map((m) => [m.name, m.verdict]), [['bind', 'ready'], ['bind2', 'ready'], ['coded', 'ready'], ['fast', 'ready'], ['nbmod', 'ready']]);
    assert.equal(errorNodes(readFileSync(path.join(root, 'bind.cpp'), 'utf8'), 'cpp'), 0);
  });

  it('leaves alone what it cannot write safely, with the reason', () => {
    const direct = SINGLE_PHASE.replace(/PyObject \*m = PyModule_Create\(&legacy_module\);[\s\S]*return m;/, 'return PyModule_Create(&legacy_module);');
    const root = project({ 'legacy.c': direct, 'bom.c': `\uFEFF${UNDECLARED}` });
    const run = cli(['fix', '--declare', '--no-dry-run'], { cwd: root });
    assert.match(run.stderr, /not declaring module "demo\.legacy" \(legacy\.c\): its init function returns the created module directly: store it in a variable first/);
    assert.match(run.stderr, /not declaring module "demo\._speedups" \(bom\.c\): it is not plain UTF-8/);
    assert.equal(readFileSync(path.join(root, 'legacy.c'), 'utf8'), direct);
  });

  it('does not declare a binding module its build cannot compile, and says when the build needs a higher floor', () => {
    const bind = (name: string) => `#include <pybind11/pybind11.h>\nnamespace py = pybind11;\nPYBIND11_MODULE(${name}, m) {\n}\n`;
    const root = project({
      'pinned/pyproject.toml': '[build-system]\nrequires = ["setuptools", "pybind11>=2.10,<2.13"]\n',
      'pinned/b.cpp': bind('pinned'),
      'low/pyproject.toml': "[build-system]\nrequires = ['setuptools', 'pybind11[global] ~= 2.10']\n",
      'low/b.cpp': bind('low'),
      'nb/pyproject.toml': '[build-system]\nrequires = ["scikit-build-core", "nanobind==2.1.0"]\n',
      'nb/CMakeLists.txt': 'nanobind_add_module(nbmod nbmod.cpp)\n',
      'nb/nbmod.cpp': '#include <nanobind/nanobind.h>\nNB_MODULE(nbmod, m) {\n}\n',
    });
    const run = cli(['fix', '--declare', '--no-dry-run'], { cwd: root });
    assert.match(run.stderr, /not declaring module "pinned" \(pinned\/b\.cpp\): py::mod_gil_not_used\(\) is new in pybind11 2\.13, which "pybind11>=2\.10,<2\.13" in the \[build-system\] requires of pinned\/pyproject\.toml does not allow: allow pybind11>=2\.13 first/);
    assert.match(run.stderr, /not declaring module "nbmod" \(nb\/nbmod\.cpp\): FREE_THREADED is new in nanobind 2\.2, which "nanobind==2\.1\.0"/);
    assert.match(run.stderr, /note: module "low" \(low\/b\.cpp\): py::mod_gil_not_used\(\) is new in pybind11 2\.13: raise "pybind11\[global\] ~= 2\.10" in the \[build-system\] requires of low\/pyproject\.toml to pybind11>=2\.13/);
    assert.equal(readFileSync(path.join(root, 'pinned/b.cpp'), 'utf8'), bind('pinned'));
    assert.match(readFileSync(path.join(root, 'low/b.cpp'), 'utf8'), /PYBIND11_MODULE\(low, m, py::mod_gil_not_used\(\)\)/);
    // The finding that the fix answers says the same.
    const report = JSON.parse(cli(['--format', 'json', '--no-cache'], { cwd: root }).stdout) as { findings: { ruleId: string; fix: string }[] };
    const fixes = report.findings.filter((f) => f.ruleId.endsWith('-missing-mod-gil-not-used') || f.ruleId === 'nanobind-missing-free-threaded').map((f) => f.fix);
    assert.equal(fixes.length, 2);
    assert.ok(fixes.some((f) => f.includes('"pybind11>=2.10,<2.13" in the [build-system] requires of pinned/pyproject.toml does not allow')), fixes.join('\n'));
    assert.ok(fixes.some((f) => f.startsWith('nanobind_add_module(nbmod FREE_THREADED …)\nFREE_THREADED is new in nanobind 2.2')), fixes.join('\n'));
  });

  it('is a usage error without --declare', () => {
    const run = cli(['fix'], { cwd: project({ 'ext.c': UNDECLARED }) });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /fix needs --declare/);
  });
});
