import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import { lastAssigningBefore, sameObject } from '../src/facts/origins.js';
import type { CallFact, FileFacts } from '../src/facts/types.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'bufferFromObjectDomain' | 'objectFromMemDomain';

const OBJECT_ALLOCATOR = /^PyObject_(?:Malloc|Calloc|Realloc|MALLOC|REALLOC)$/;
const RAW_ALLOCATOR = /^(?:PyMem_(?:Raw)?(?:Malloc|Calloc|Realloc|MALLOC|REALLOC|New|NEW|Resize|RESIZE)|malloc|calloc|realloc)$/;
const OBJECT_INIT = /^PyObject_(?:Init|InitVar|INIT|INIT_VAR)$/;
/** Pointers to plain data, and arrays of pointers: buffers, never Python objects. */
const BUFFER_TYPE =
  /^(?:(?:const |volatile |unsigned |signed )*(?:char|short|int|long|long long|float|double|size_t|Py_ssize_t|Py_hash_t|Py_UCS[124]|Py_UNICODE|wchar_t|u?int(?:8|16|32|64)_t|Py_uintptr_t|uintptr_t|bool|_Bool) \*+|[A-Za-z_][\w ]* \*\*+)$/;

/** The allocator that produced `arg` in the call's function: a nested call, or the last assignment before it. */
function allocatorOf(arg: string, call: CallFact, facts: FileFacts): string | null {
  const nested = /^\s*(?:\([^()]*\)\s*)*([A-Za-z_]\w*)\s*\(/.exec(arg)?.[1];
  if (nested !== undefined) return nested;
  return lastAssigningBefore(facts, call, sameObject(arg))?.callee ?? null;
}

export default defineRule<MessageId>({
  id: 'memory-domain-mismatch',
  category: 'memory',
  severity: 'warning',
  precision: 'medium',
  status: 'stable',
  guide: `${HOWTO}#free-threaded-memory-allocation`,
  references: ['https://docs.python.org/3.14/c-api/memory.html#allocator-domains'],
  replacement: 'PyMem_Malloc/PyMem_Free for buffers; PyObject_New, PyObject_GC_New or type->tp_alloc for objects',
  since: 'all versions (required by the free-threaded build since 3.13)',
  compat: 'not applicable',
  verified: 'Doc/howto/free-threading-extensions.rst (3.14), section Memory Allocation APIs (label free-threaded-memory-allocation)',
  docs: {
    what:
      'Finds buffers (char *, double *, PyObject ** arrays…) allocated with the object allocator PyObject_Malloc/Calloc/Realloc, and objects initialised with PyObject_Init on memory from PyMem_* or malloc.',
    why:
      'The free-threaded build requires the object domain to be used for Python objects and only for them: its allocator and garbage collector ' +
      'walk the object heap, so a buffer there is mistaken for objects and an object elsewhere is never found. With the GIL this was only best practice.',
    example: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'make_bytes(PyObject *self, PyObject *arg)',
      '{',
      '    char *buf = PyObject_Malloc(64);',
      '    if (buf == NULL) {',
      '        return PyErr_NoMemory();',
      '    }',
      '    PyObject *result = PyBytes_FromStringAndSize(buf, 0);',
      '    PyObject_Free(buf);',
      '    return result;',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'make_bytes(PyObject *self, PyObject *arg)',
      '{',
      '    char *buf = PyMem_Malloc(64);',
      '    if (buf == NULL) {',
      '        return PyErr_NoMemory();',
      '    }',
      '    PyObject *result = PyBytes_FromStringAndSize(buf, 0);',
      '    PyMem_Free(buf);',
      '    return result;',
      '}',
    ].join('\n'),
    knownProblems: 'Types are read from declarations in the same function; `void *` and struct pointers are not judged.',
  },
  messages: {
    bufferFromObjectDomain:
      '{{api}} allocates `{{name}}` ({{type}}), a buffer, from the object domain, which the free-threaded build reserves for Python objects; use {{replacement}} and free it with PyMem_Free',
    objectFromMemDomain:
      '{{api}} initialises an object in memory from {{allocator}}, but the free-threaded build needs every Python object in the object domain; allocate it with PyObject_New, PyObject_GC_New or type->tp_alloc',
  },
  scope: 'file',
  check(facts, context) {
    for (const call of facts.calls) {
      if (compiledInAny(call.guard, FREE_THREADED_RELEASE) === false) continue;
      if (OBJECT_ALLOCATOR.test(call.callee) && call.assignedType !== null && BUFFER_TYPE.test(call.assignedType)) {
        const replacement = call.callee.replace('PyObject_', 'PyMem_');
        context.report({
          messageId: 'bufferFromObjectDomain',
          data: { api: call.callee, name: call.assignedTo ?? '', type: call.assignedType, replacement },
          file: facts.file,
          range: call.range,
          fix: `${call.assignedTo} = ${replacement}(${call.args.join(', ')});\n/* and PyMem_Free(${call.assignedTo}) instead of PyObject_Free */`,
        });
      } else if (OBJECT_INIT.test(call.callee)) {
        const allocator = allocatorOf(call.args[0] ?? '', call, facts);
        if (allocator === null || !RAW_ALLOCATOR.test(allocator)) continue;
        context.report({
          messageId: 'objectFromMemDomain',
          data: { api: call.callee, allocator },
          file: facts.file,
          range: call.range,
          fix: 'obj = PyObject_New(MyObject, &MyType);  /* or type->tp_alloc(type, 0) for heap types */',
        });
      }
    }
  },
});
