import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { terminalProgress } from '../src/progress.js';
import { cli, project, UNDECLARED } from './support/cli.js';

const CACHE = '.cext-audit-cache';

/** The JSON files of one kind of cache entry (`files` or `runs`). */
function entries(root: string, kind: 'files' | 'runs'): string[] {
  const versions = readdirSync(path.join(root, CACHE)).filter((d) => d.startsWith('v'));
  return versions.flatMap((v) => readdirSync(path.join(root, CACHE, v, kind)).map((f) => path.join(root, CACHE, v, kind, f)));
}

function rewrite(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

const LOOP = `#include <Python.h>
#include "lock.h"

static PyObject *
total(PyObject *self, PyObject *d)
{
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    LOCK(d);
    while (PyDict_Next(d, &pos, &key, &value)) {}
    UNLOCK();
    Py_RETURN_NONE;
}
`;
const LOCK_H = '#define LOCK(o) Py_BEGIN_CRITICAL_SECTION(o)\n#define UNLOCK() Py_END_CRITICAL_SECTION()\n';

describe('content cache', () => {
  it('gives the same report from the cache, at the project root, hidden from git', () => {
    const root = project({ 'pyproject.toml': '[project]\nname = "demo"\n', 'src/ext.c': UNDECLARED, [`${CACHE}/v1-0.0.1-old/files/x.json`]: '{}' });
    const cold = cli(['--format', 'json', 'src'], { cwd: root });
    // Entries written by another version or build of the tool are removed, never read.
    assert.equal(existsSync(path.join(root, CACHE, 'v1-0.0.1-old')), false);
    assert.equal(cold.status, 1, cold.stderr);
    assert.equal(entries(root, 'files').length, 1);
    assert.equal(entries(root, 'runs').length, 1);
    assert.match(readFileSync(path.join(root, CACHE, '.gitignore'), 'utf8'), /^\*$/m);
    const warm = cli(['--format', 'json', 'src'], { cwd: root });
    assert.equal(warm.stdout, cold.stdout);
    assert.equal(warm.status, 1);
  });

  it('is read: a run with the same files and options takes its findings from the cache', () => {
    const root = project({ 'ext.c': UNDECLARED });
    cli([], { cwd: root });
    // Tampering with a valid entry shows in the report, which proves the entry was used.
    for (const run of entries(root, 'runs')) rewrite(run, (t) => t.replace(/does not declare free-threading support/g, 'TAMPERED'));
    assert.match(cli([], { cwd: root }).stdout, /TAMPERED/);
    assert.doesNotMatch(cli(['--no-cache'], { cwd: root }).stdout, /TAMPERED/);
    // Other options make another run: the file's facts come from the cache, the findings are new.
    for (const file of entries(root, 'files')) rewrite(file, (t) => t.replace(/"PyModuleDef_Init"/g, '"PyModule_Create"'));
    assert.match(cli(['--fail-on', 'error', '--select', 'module-declaration'], { cwd: root }).stdout, /error\[module-missing-set-gil\]/);
  });

  it('parses an edited file again, and every file when a macro elsewhere changes what it means', () => {
    const root = project({ 'lock.h': LOCK_H, 'ext.c': LOOP });
    const select = ['--select', 'dict-next-unlocked'];
    assert.equal(cli(select, { cwd: root }).status, 0);
    writeFileSync(path.join(root, 'ext.c'), LOOP.replace('LOCK(d);', '').replace('UNLOCK();', ''));
    assert.match(cli(select, { cwd: root }).stdout, /warning\[dict-next-unlocked\]/);
    writeFileSync(path.join(root, 'ext.c'), LOOP);
    assert.equal(cli(select, { cwd: root }).status, 0);
    // ext.c is unchanged, but LOCK no longer opens a critical section.
    writeFileSync(path.join(root, 'lock.h'), '#define LOCK(o) (void)(o)\n#define UNLOCK() ((void)0)\n');
    assert.match(cli(select, { cwd: root }).stdout, /warning\[dict-next-unlocked\]/);
  });

  it('reads a file again when a header it includes declares another extern global', () => {
    const touch = '#include "state.h"\nstatic PyObject *touch(PyObject *self, PyObject *arg) { hits++; Py_RETURN_NONE; }\nstatic PyMethodDef methods[] = {{"touch", touch, METH_O, NULL}, {NULL, NULL, 0, NULL}};\n';
    const root = project({ 'state.h': '#include <Python.h>\n', 'state.c': '#include "state.h"\nlong hits;\n', 'ext.c': touch });
    const select = ['--select', 'static-state-write'];
    assert.equal(cli(select, { cwd: root }).status, 0);
    // ext.c is unchanged, but `hits` is now a global it can see.
    writeFileSync(path.join(root, 'state.h'), '#include <Python.h>\nextern long hits;\n');
    assert.match(cli(select, { cwd: root }).stdout, /ext\.c:2:57: warning\[static-state-write\] touch\(\), .* writes the global `hits`/);
  });

  it('reads a file again when a header it includes sets a switch its conditions test', () => {
    const counting = '#include "config.h"\nstatic long hits;\nstatic PyObject *touch(PyObject *self, PyObject *arg)\n{\n#if KEEP_STATS\n    hits++;\n#endif\n    Py_RETURN_NONE;\n}\nstatic PyMethodDef methods[] = {{"touch", touch, METH_O, NULL}, {NULL, NULL, 0, NULL}};\n';
    const root = project({ 'config.h': '#include <Python.h>\n#define KEEP_STATS 0\n', 'ext.c': counting });
    const select = ['--select', 'static-state-write'];
    assert.equal(cli(select, { cwd: root }).status, 0);
    writeFileSync(path.join(root, 'config.h'), '#include <Python.h>\n#define KEEP_STATS 1\n');
    assert.match(cli(select, { cwd: root }).stdout, /ext\.c:6:5: warning\[static-state-write\] touch\(\)/);
  });

  it('ignores corrupt and foreign entries and rewrites them', () => {
    const root = project({ 'ext.c': UNDECLARED });
    const expected = cli(['--format', 'json'], { cwd: root }).stdout;
    const [file] = entries(root, 'files');
    const [run] = entries(root, 'runs');
    writeFileSync(run, '{"schema": 1, "version": "0.0.0-other", "key": "x", "value": {"findings": [], "modules": []}}');
    writeFileSync(file, '\u0000 not json');
    assert.equal(cli(['--format', 'json'], { cwd: root }).stdout, expected);
    assert.doesNotThrow(() => JSON.parse(readFileSync(file, 'utf8')));
    // An entry stored under another content's hash is refused: its key names the other content.
    writeFileSync(path.join(root, 'ext.c'), UNDECLARED.replace('"demo._speedups"', '"demo._other"'));
    cli([], { cwd: root });
    const other = entries(root, 'files').find((f) => f !== file) as string;
    writeFileSync(other, readFileSync(file, 'utf8'));
    for (const r of entries(root, 'runs')) writeFileSync(r, '');
    const report = cli([], { cwd: root }).stdout;
    assert.match(report, /module "demo\._other"/);
    assert.doesNotMatch(report, /demo\._speedups/);
  });

  it('is not written with --no-cache, goes where --cache-dir says, and a cache that cannot be written is only a note', () => {
    const root = project({ 'ext.c': UNDECLARED, 'not-a-dir': '' });
    assert.equal(cli(['--no-cache'], { cwd: root }).status, 1);
    assert.equal(existsSync(path.join(root, CACHE)), false);
    cli(['--cache-dir', 'elsewhere'], { cwd: root });
    assert.ok(existsSync(path.join(root, 'elsewhere', '.gitignore')));
    const blocked = cli(['--cache-dir', 'not-a-dir/cache'], { cwd: root });
    assert.equal(blocked.status, 1);
    assert.match(blocked.stdout, /module-missing-gil-slot/);
    assert.match(blocked.stderr, /^cext-audit: note: cannot write the cache in .*not-a-dir.*running without it$/m);
  });
});

describe('progress', () => {
  function fakeTerminal() {
    const stream = { isTTY: true, columns: 100, output: '', write(text: string) { stream.output += text; return true; }, cursorTo() { return true; }, clearLine() { return true; }, moveCursor() { return true; } };
    return stream;
  }

  it('stays silent for a scan that ends within a second', () => {
    const stream = fakeTerminal();
    let now = 0;
    const progress = terminalProgress(stream as unknown as NodeJS.WriteStream, () => now);
    progress.update(5, 10);
    now = 900;
    progress.update(10, 10);
    progress.stop();
    assert.equal(stream.output, '');
  });

  it('then shows files done of the total and the rate', () => {
    const stream = fakeTerminal();
    let now = 0;
    const progress = terminalProgress(stream as unknown as NodeJS.WriteStream, () => now);
    try {
      progress.update(1, 400);
      now = 2000;
      progress.update(300, 400);
      assert.match(stream.output, /cext-audit .* 300\/400 files, 150 files\/s/);
    } finally {
      // The bar redraws on a timer until stopped, which would keep the test process alive.
      progress.stop();
    }
  });
});
