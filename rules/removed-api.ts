import { deprecatedApiRule } from './support/deprecated.js';

export default deprecatedApiRule({
  id: 'removed-api',
  verdict: 'removed',
  severity: 'error',
  message: '{{name}} is gone from CPython {{removed}} (the build fails for {{target}}); {{advice}}',
  docs: {
    what: 'Finds C APIs removed in CPython 3.13 or 3.14, or scheduled for removal by the --target-python version (default 3.14).',
    why: 'A removed function, macro, variable or struct member no longer exists in Python.h: the extension fails to compile (or to import) for that version. Each finding names the replacement and whether pythoncapi_compat.h backports it.',
    example: ['#include <Python.h>', '', 'static PyObject *', 'call(PyObject *self, PyObject *callable)', '{', '    return PyEval_CallObject(callable, NULL);', '}'].join('\n'),
    useInstead: ['#include <Python.h>', '', 'static PyObject *', 'call(PyObject *self, PyObject *callable)', '{', '    return PyObject_CallNoArgs(callable);', '}'].join('\n'),
    knownProblems: 'A use under a version guard that the target build does not compile is not reported; a project that defines the name itself is trusted.',
  },
});
