import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import { isLifecycleFunction } from '../src/facts/origins.js';

type MessageId = 'set';

export default defineRule<MessageId>({
  id: 'set-refcnt',
  category: 'refcount',
  severity: 'warning',
  precision: 'medium',
  status: 'stable',
  guide: 'https://docs.python.org/3.14/c-api/refcounting.html#c.Py_SET_REFCNT',
  references: ['https://docs.python.org/3.14/howto/free-threading-extensions.html'],
  replacement: 'Py_INCREF/Py_DECREF, or no manual count at all',
  since: 'all versions',
  compat: 'not applicable',
  verified: 'CPython 3.13.0 Include/object.h and refcount.h: in the free-threaded build Py_SET_REFCNT writes the owning thread\'s local count and clears the shared one',
  docs: {
    what: 'Finds Py_SET_REFCNT outside tp_dealloc and tp_finalize (where resurrection legitimately sets the count).',
    why:
      'The free-threaded build splits the count into a thread-local and a shared part, and immortal objects ignore counting; setting the count by hand ' +
      'outside deallocation overwrites what other threads did to it, and the object is freed while they still hold it, or never.',
    example: ['#include <Python.h>', '', 'static void', 'pin(PyObject *self, PyObject *o)', '{', '    Py_SET_REFCNT(o, Py_REFCNT(o) + 1);', '}'].join('\n'),
    useInstead: ['#include <Python.h>', '', 'static void', 'pin(PyObject *self, PyObject *o)', '{', '    Py_INCREF(o);', '}'].join('\n'),
  },
  messages: {
    set: 'Py_SET_REFCNT({{object}}, …) outside deallocation: in the free-threaded build it overwrites the counts other threads keep for `{{object}}`; use Py_INCREF/Py_DECREF',
  },
  scope: 'file',
  check(facts, context) {
    for (const call of facts.calls) {
      if (call.callee !== 'Py_SET_REFCNT' || isLifecycleFunction(call.inFunction, facts) || compiledInAny(call.guard, FREE_THREADED_RELEASE) === false) continue;
      context.report({ messageId: 'set', data: { object: call.args[0] ?? '' }, file: facts.file, range: call.range });
    }
  },
});
