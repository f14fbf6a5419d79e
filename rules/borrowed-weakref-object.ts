import { borrowedReferenceRule } from './support/borrowed.js';
import { HOWTO } from './support/module-parts.js';

export default borrowedReferenceRule({
  id: 'borrowed-weakref-object',
  apis: ["PyWeakref_GetObject", "PyWeakref_GET_OBJECT"],
  severity: 'warning',
  guide: `${HOWTO}#borrowed-references`,
  replacement: "PyWeakref_GetRef (a strong reference, or NULL when the referent is dead)",
  since: "3.13",
  compat: "yes (pythoncapi_compat.h, for Python < 3.13)",
  docs: {
    what: "Finds PyWeakref_GetObject and PyWeakref_GET_OBJECT.",
    why: "They return a borrowed reference to the referent, which another thread can destroy at any moment, even right after the call: there is no safe use without the GIL. Both are deprecated since 3.13 and removed in 3.15.",
    example: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "deref(PyObject *ref)",
      "{",
      "    PyObject *obj = PyWeakref_GetObject(ref);",
      "    return Py_NewRef(obj);",
      "}",
    ].join('\n'),
    useInstead: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "deref(PyObject *ref)",
      "{",
      "    PyObject *obj;",
      "    if (PyWeakref_GetRef(ref, &obj) < 0) {",
      "        return NULL;",
      "    }",
      "    return obj != NULL ? obj : Py_NewRef(Py_None);",
      "}",
    ].join('\n'),
  },
});
