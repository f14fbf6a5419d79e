import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { cli, project, UNDECLARED } from './support/cli.js';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

describe('GitHub and pre-commit integration files', () => {
  it('action.yml is a composite action with the documented inputs and no node20 runtime', () => {
    const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['args', 'fail-on', 'min-python', 'paths', 'sarif-file']);
    assert.doesNotMatch(read('action.yml'), /node20/);
    const run = action.runs.steps.map((s) => s.run ?? '').join('\n');
    assert.ok(action.runs.steps.filter((s) => s.run).every((s) => s.shell === 'bash'));
    // Inputs reach the shell through the environment, never pasted into the script.
    assert.doesNotMatch(run, /\$\{\{/);
  });

  it("the action's audit step annotates, writes SARIF and the step summary in one run, and fails the step", () => {
    const action = parse(read('action.yml')) as { runs: { steps: Step[] } };
    const step = action.runs.steps.find((s) => s.name === 'Audit') as Step;
    const root = project({ 'src/ext.c': UNDECLARED, 'summary.md': '' });
    // The values the runner would put in the step's environment for `with: { paths: src, min-python: '3.13' }`.
    const inputs: Record<string, string> = { CEXT_AUDIT_PATHS: 'src', CEXT_AUDIT_FAIL_ON: 'error', CEXT_AUDIT_MIN_PYTHON: '3.13', CEXT_AUDIT_SARIF: 'out.sarif', CEXT_AUDIT_ARGS: '--ignore deprecated-api' };
    const runStep = (summary: string) =>
      spawnSync('bash', ['-e', '-c', step.run as string], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, ...inputs, GITHUB_ACTION_PATH: fileURLToPath(new URL('../..', import.meta.url)), GITHUB_STEP_SUMMARY: summary },
      });
    const run = runStep(path.join(root, 'summary.md'));
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^::error file=src\/ext\.c,line=\d+,.*title=cext-audit \(module-missing-gil-slot\)::/m);
    const sarif = JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.deepEqual(sarif.runs[0].results.map((r) => r.ruleId), ['module-missing-gil-slot']);
    assert.match(readFileSync(path.join(root, 'summary.md'), 'utf8'), /^\| demo\._speedups \| multi-phase \| \*\*no\*\* \|/m);
    writeFileSync(path.join(root, 'src/ext.c'), '');
    assert.equal(runStep('').status, 0);
  });

  it('the example workflow uploads the SARIF file the action writes, with the permission it needs', () => {
    const workflow = parse(read('examples/github-workflow.yml')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = Object.values(workflow.jobs)[0].steps;
    const audit = steps.find((s) => s.uses?.includes('cext-audit'));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(audit && upload);
    assert.equal(upload.with?.sarif_file, audit.with?.['sarif-file']);
    assert.ok(read('README.md').includes(read('examples/github-workflow.yml')), 'the README shows the example as it is');
  });

  it('.pre-commit-hooks.yaml declares a node hook over C and C++ files', () => {
    const [hook] = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; types_or: string[] }[];
    assert.equal(hook.id, 'cext-audit');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'cext-audit');
    assert.deepEqual(hook.types_or, ['c', 'c++']);
  });

  it('pre-commit: files named alone are reported on alone, and judged with the project around them', () => {
    const def = (slots: string) => `#include <Python.h>
extern PyModuleDef_Slot ext_slots[];
static struct PyModuleDef ext_module = { PyModuleDef_HEAD_INIT, .m_name = "demo.ext", .m_slots = ${slots} };
PyMODINIT_FUNC PyInit_ext(void) { return PyModuleDef_Init(&ext_module); }
`;
    const slots = (entries: string) => `#include <Python.h>\nstatic int ext_exec(PyObject *m) { return 0; }\nPyModuleDef_Slot ext_slots[] = {\n    {Py_mod_exec, ext_exec},\n${entries}    {0, NULL}\n};\n`;
    const other = 'static PyObject *get(PyObject *d, PyObject *k) { return PyDict_GetItem(d, k); }\n';
    const declared = project({ 'pyproject.toml': '[project]\nrequires-python = ">=3.13"\n', 'src/ext.c': def('ext_slots'), 'src/slots.c': slots('    {Py_mod_gil, Py_MOD_GIL_NOT_USED},\n'), 'src/other.c': other });
    const clean = cli(['--format', 'json', 'src/ext.c'], { cwd: declared });
    assert.equal(clean.status, 0, clean.stdout);
    const report = JSON.parse(clean.stdout) as { modules: { name: string; declared: string }[]; summary: { filesAudited: number } };
    assert.deepEqual(report.modules.map((m) => [m.name, m.declared]), [['demo.ext', 'yes']]);
    assert.equal(report.summary.filesAudited, 1);
    const undeclared = project({ 'src/ext.c': def('ext_slots'), 'src/slots.c': slots(''), 'src/other.c': other });
    const run = cli(['--format', 'json', 'src/ext.c'], { cwd: undeclared });
    assert.equal(run.status, 1);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; file: string }[] }).findings;
    // The finding sits on the slot array in src/slots.c, a part of the module src/ext.c makes.
    assert.deepEqual(findings.map((f) => [f.ruleId, f.file]), [['module-missing-gil-slot', 'src/slots.c']]);
  });
});
