import { deprecatedApiRule } from './support/deprecated.js';

export default deprecatedApiRule({
  id: 'soft-deprecated-api',
  verdict: 'soft-deprecated',
  severity: 'note',
  message: '{{name}} is soft-deprecated since CPython {{since}}: it stays, but is better avoided; {{advice}}',
  docs: {
    what: 'Finds soft-deprecated C APIs: kept without a removal date, but with a better replacement.',
    why: 'Soft-deprecated APIs are not going away, yet their replacements are safer (PyModule_Add steals its reference even on error; the PyEval_GetFrame* functions return strong references).',
    example: ['#include <Python.h>', '', 'static int', 'add_answer(PyObject *m)', '{', '    return PyModule_AddObject(m, "answer", PyLong_FromLong(42));', '}'].join('\n'),
    useInstead: ['#include <Python.h>', '', 'static int', 'add_answer(PyObject *m)', '{', '    return PyModule_Add(m, "answer", PyLong_FromLong(42));', '}'].join('\n'),
  },
});
