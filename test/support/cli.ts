/** Runs the built CLI as a user would: a child process with its own cwd and environment. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.js';

export const BIN = fileURLToPath(new URL('../../../bin/cext-audit.js', import.meta.url));

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `uid`/`gid` run it as another user, so that a root test run can still meet a file it may not read. */
export function cli(args: string[], options: { cwd: string; env?: Record<string, string>; uid?: number; gid?: number }): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: undefined, ...options.env };
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
    // A report on thousands of modules is larger than the default megabyte.
    maxBuffer: 2 ** 28,
    uid: options.uid,
    gid: options.gid,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A throwaway project: `files` maps relative paths to contents. */
export function project(files: Record<string, string | Buffer>): string {
  const root = tempDir('test-');
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export const UNDECLARED = `#include <Python.h>

static int exec_module(PyObject *m) { return 0; }

static PyModuleDef_Slot demo_slots[] = {
    {Py_mod_exec, exec_module},
    {0, NULL}
};

static struct PyModuleDef demo_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "demo._speedups",
    .m_slots = demo_slots,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&demo_module);
}
`;

export const DECLARED = UNDECLARED.replace(
  '    {0, NULL}',
  '#ifdef Py_mod_gil\n    {Py_mod_gil, Py_MOD_GIL_NOT_USED},\n#endif\n    {0, NULL}',
);

/** Declared, but without a guard: a warning while the project supports Python < 3.13. */
export const UNGUARDED = UNDECLARED.replace('    {0, NULL}', '    {Py_mod_gil, Py_MOD_GIL_NOT_USED},\n    {0, NULL}');
