import { borrowedReferenceRule } from './support/borrowed.js';

export default borrowedReferenceRule({
  id: 'borrowed-frame-dict',
  apis: ["PyEval_GetGlobals", "PyEval_GetLocals", "PyEval_GetBuiltins"],
  severity: 'warning',
  guide: "https://docs.python.org/3.14/c-api/reflection.html#c.PyEval_GetGlobals",
  replacement: "PyEval_GetFrameGlobals / PyEval_GetFrameLocals / PyEval_GetFrameBuiltins (strong references)",
  since: "3.13",
  compat: "no: keep the old call under #if PY_VERSION_HEX < 0x030D0000",
  docs: {
    what: "Finds PyEval_GetGlobals, PyEval_GetLocals and PyEval_GetBuiltins.",
    why: "They return borrowed references and are deprecated since 3.13 (PEP 667 also changed what PyEval_GetLocals returns). PyEval_GetFrameGlobals, PyEval_GetFrameLocals and PyEval_GetFrameBuiltins return strong references.",
    example: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "caller_globals(PyObject *self, PyObject *unused)",
      "{",
      "    return Py_XNewRef(PyEval_GetGlobals());",
      "}",
    ].join('\n'),
    useInstead: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "caller_globals(PyObject *self, PyObject *unused)",
      "{",
      "    return PyEval_GetFrameGlobals();",
      "}",
    ].join('\n'),
  },
});
