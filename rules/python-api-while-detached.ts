import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import type { FileFacts } from '../src/facts/types.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'detached';

/** Reference-count macros, which touch the object like any API call. */
const REFCOUNT = new Set(['Py_INCREF', 'Py_DECREF', 'Py_XINCREF', 'Py_XDECREF', 'Py_NewRef', 'Py_XNewRef', 'Py_CLEAR', 'Py_SETREF', 'Py_XSETREF']);

/**
 * What the C API documents as callable without an attached thread state: the raw memory
 * domain, PyMutex, the PyThread layer, re-attaching (PyEval_RestoreThread, PyGILState_Ensure),
 * PyOS string helpers and the *Raw clocks; plus the macros that only read raw character data
 * fetched before the block (PyUnicode_READ(kind, data, i)).
 */
const DETACHED_SAFE =
  /^(?:PyMem_Raw\w+|PyMutex_\w+|PyThread_\w+|PyGILState_(?:Ensure|Check)|PyEval_RestoreThread|PyOS_\w+|PyTime_\w+Raw|PyUnicode_(?:READ|WRITE|MAX_CHAR_VALUE|KIND_SIZE)|Py_UNICODE_\w+)$/;

/** C API functions and macros: `PyList_Append`, `_PyObject_GC_New`, not the pure `Py_MIN`/`Py_ISDIGIT` macros. */
const C_API = /^_?Py[A-Z]\w*_\w+$/;

function needsThreadState(callee: string, ownNames: ReadonlySet<string>): boolean {
  if (REFCOUNT.has(callee)) return true;
  return C_API.test(callee) && !DETACHED_SAFE.test(callee) && !ownNames.has(callee);
}

/**
 * Functions and macros the project defines for the free-threaded build: numpy's PyArray_DATA
 * reads a field of numpy's own struct and is not CPython's API, whatever its prefix. Shims
 * compiled only for older Pythons (pythoncapi_compat.h) are CPython's API and stay.
 */
function ownNames(files: readonly FileFacts[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    for (const d of f.defines) if (compiledInAny(d.guard, FREE_THREADED_RELEASE) !== false) names.add(d.name);
    for (const fn of f.functions) if (compiledInAny(fn.guard, FREE_THREADED_RELEASE) !== false) names.add(fn.name);
  }
  return names;
}

export default defineRule<MessageId>({
  id: 'python-api-while-detached',
  category: 'thread-state',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#thread-state-and-gil-apis`,
  references: ['https://docs.python.org/3.14/c-api/init.html#c.Py_BEGIN_ALLOW_THREADS'],
  replacement: 'move the call after Py_END_ALLOW_THREADS, or re-attach around it with Py_BLOCK_THREADS … Py_UNBLOCK_THREADS',
  since: 'all versions',
  compat: 'not applicable',
  verified: 'Doc/c-api/init.rst and Doc/howto/free-threading-extensions.rst (3.14): between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS the thread state is detached',
  docs: {
    what: 'Finds Python C API calls and reference-count macros between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS.',
    why:
      'Inside the block the thread has detached its thread state, so it may not touch Python objects or call the C API (except the few functions documented as safe: PyMem_Raw*, PyMutex_*, PyThread_*). ' +
      'With the GIL this was already undefined behaviour that happened to work; without it another thread runs Python code at the same moment, and the call races with it.',
    example: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'checksum(PyObject *self, PyObject *data)',
      '{',
      '    long sum = 0;',
      '    Py_BEGIN_ALLOW_THREADS',
      '    for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(data); i++) {',
      '        sum += PyBytes_AS_STRING(data)[i];',
      '    }',
      '    Py_END_ALLOW_THREADS',
      '    return PyLong_FromLong(sum);',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'checksum(PyObject *self, PyObject *data)',
      '{',
      '    long sum = 0;',
      '    const char *bytes = PyBytes_AS_STRING(data);',
      '    Py_ssize_t size = PyBytes_GET_SIZE(data);',
      '    Py_BEGIN_ALLOW_THREADS',
      '    for (Py_ssize_t i = 0; i < size; i++) {',
      '        sum += bytes[i];',
      '    }',
      '    Py_END_ALLOW_THREADS',
      '    return PyLong_FromLong(sum);',
      '}',
    ].join('\n'),
    knownProblems:
      'Only the lexical block is checked: a function called from inside the block that itself calls the C API is not followed. ' +
      'Py-prefixed names the project defines itself (numpy\'s PyArray_DATA) are taken as its own, not as the C API.',
  },
  messages: {
    detached:
      '{{api}} is called between Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS, where the thread has no attached thread state: without the GIL it races with threads running Python code; move it out of the block',
  },
  scope: 'project',
  check(project, context) {
    const own = ownNames(project.files);
    for (const facts of project.files) {
      for (const call of facts.calls) {
        if (!call.allowThreads || !needsThreadState(call.callee, own) || compiledInAny(call.guard, FREE_THREADED_RELEASE) === false) continue;
        context.report({
          messageId: 'detached',
          data: { api: call.callee },
          file: facts.file,
          range: call.range,
          fix: `Call ${call.callee} before Py_BEGIN_ALLOW_THREADS or after Py_END_ALLOW_THREADS, keeping only plain C work inside the block; if it must run there, re-attach:\nPy_BLOCK_THREADS\n${call.callee}(${call.args.join(', ')});\nPy_UNBLOCK_THREADS`,
        });
      }
    }
  },
});
