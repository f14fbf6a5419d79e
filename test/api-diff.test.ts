import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { apiDiff } from '../scripts/api-diff.js';
import { tempDir } from './support/temp.js';

function tree(files: Record<string, string>): string {
  const root = tempDir('headers-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

it('lists names the new headers dropped, their deprecations, and table rows they contradict', () => {
  const before = tree({
    'object.h': 'PyAPI_FUNC(int) PyEval_CallObject(PyObject *);\n#define PyObject_CheckReadBuffer(o) 0\n#define Py_OBJECT_H\n',
    'internal/pycore.h': 'PyAPI_FUNC(int) _PyInternal_Only(void);\n',
  });
  const after = tree({
    'object.h': 'Py_DEPRECATED(3.13) PyAPI_FUNC(PyObject *) PyWeakref_GetObject(PyObject *ref);\n#define PyObject_CheckReadBuffer(o) 0\n',
  });
  const diff = apiDiff(before, after, '3.13');
  assert.deepEqual(diff.gone, ['PyEval_CallObject'], 'include guards and internal headers are left out');
  assert.deepEqual(diff.missingRows, [], 'PyEval_CallObject has a row');
  assert.deepEqual([...diff.deprecated], [['PyWeakref_GetObject', '3.13']]);
  assert.deepEqual(diff.deprecatedWithoutRow, []);
  assert.deepEqual(diff.contradicted, ['PyObject_CheckReadBuffer'], 'the table says removed in 3.13, the headers still declare it');
});
