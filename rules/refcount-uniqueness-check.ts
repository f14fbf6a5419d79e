import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import { isLifecycleFunction } from '../src/facts/origins.js';

type MessageId = 'unique';

/** Comparisons that ask "is this the only reference?". */
const UNIQUENESS = new Set(['== 1', '<= 1', '< 2', '!= 1', '> 1', '>= 2', '1 ==', '1 >=', '2 >', '1 !=', '1 <', '2 <=']);

export default defineRule<MessageId>({
  id: 'refcount-uniqueness-check',
  category: 'refcount',
  severity: 'warning',
  precision: 'high',
  status: 'stable',
  guide: 'https://docs.python.org/3.14/c-api/object.html#c.PyUnstable_Object_IsUniquelyReferenced',
  references: ['https://docs.python.org/3.14/whatsnew/3.14.html', 'https://docs.python.org/3.14/howto/free-threading-extensions.html'],
  replacement: 'PyUnstable_Object_IsUniquelyReferenced(o)',
  since: '3.14',
  compat: 'yes: pythoncapi_compat.h provides it before 3.14.0b1 (gh-133144)',
  verified: 'pythoncapi_compat.h f6121eb ("gh-133144 added PyUnstable_Object_IsUniquelyReferenced() to Python 3.14.0b1"); Doc/c-api/object.rst (3.14)',
  docs: {
    what: 'Finds tests of whether an object is uniquely referenced written as Py_REFCNT(o) == 1 (or <= 1, < 2, != 1, > 1), outside assert().',
    why:
      'In the free-threaded build the reference count is split between the owning thread and a shared counter, so Py_REFCNT(o) == 1 does not ' +
      'prove that no other thread holds the object, and an in-place update based on it races. Since 3.14 the interpreter also borrows references ' +
      'on its stack, so counts are lower than code written for older versions expects. PyUnstable_Object_IsUniquelyReferenced answers the question in every build.',
    example: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'append_in_place(PyObject *self, PyObject *list)',
      '{',
      '    if (Py_REFCNT(list) == 1) {',
      '        return Py_NewRef(list);',
      '    }',
      '    return PySequence_List(list);',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'append_in_place(PyObject *self, PyObject *list)',
      '{',
      '    if (PyUnstable_Object_IsUniquelyReferenced(list)) {',
      '        return Py_NewRef(list);',
      '    }',
      '    return PySequence_List(list);',
      '}',
    ].join('\n'),
  },
  messages: {
    unique:
      '`{{text}}` tests whether `{{object}}` is uniquely referenced: in the free-threaded build the count is split between threads and this test can pass while another thread holds the object; use PyUnstable_Object_IsUniquelyReferenced({{object}})',
  },
  scope: 'file',
  check(facts, context) {
    for (const use of facts.objectHeader) {
      if (use.kind !== 'refcount-compare' || !UNIQUENESS.has(use.detail) || use.inAssert) continue;
      // Resurrection checks in tp_dealloc/tp_finalize are about this thread's own last reference.
      if (compiledInAny(use.guard, FREE_THREADED_RELEASE) === false || isLifecycleFunction(use.inFunction, facts)) continue;
      const negated = ['!= 1', '> 1', '>= 2', '1 !=', '1 <', '2 <='].includes(use.detail);
      context.report({
        messageId: 'unique',
        data: { text: use.text, object: use.object },
        file: facts.file,
        range: use.range,
        fix: `${negated ? '!' : ''}PyUnstable_Object_IsUniquelyReferenced(${use.object})\n(new in CPython 3.14; pythoncapi_compat.h provides it for older versions)`,
      });
    }
  },
});
