import { deprecatedApiRule } from './support/deprecated.js';

export default deprecatedApiRule({
  id: 'deprecated-api',
  verdict: 'deprecated',
  severity: 'warning',
  message: '{{name}} is deprecated since CPython {{since}}{{planned}}; {{advice}}',
  docs: {
    what: 'Finds C APIs deprecated in CPython (as of the --target-python version, default 3.14), with their scheduled removal.',
    why: 'Deprecated APIs emit compiler warnings and are removed on a published schedule (3.15, 3.16, 3.18): moving now keeps the extension building on the next releases.',
    example: ['#include <Python.h>', '', 'static void', 'log_error(void)', '{', '    PyObject *type, *value, *tb;', '    PyErr_Fetch(&type, &value, &tb);', '    PyErr_Restore(type, value, tb);', '}'].join('\n'),
    useInstead: ['#include <Python.h>', '', 'static void', 'log_error(void)', '{', '    PyObject *exc = PyErr_GetRaisedException();', '    PyErr_SetRaisedException(exc);', '}'].join('\n'),
  },
});
