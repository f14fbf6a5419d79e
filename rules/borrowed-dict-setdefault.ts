import { borrowedReferenceRule } from './support/borrowed.js';
import { HOWTO } from './support/module-parts.js';

export default borrowedReferenceRule({
  id: 'borrowed-dict-setdefault',
  apis: ["PyDict_SetDefault"],
  severity: 'warning',
  guide: `${HOWTO}#borrowed-references`,
  replacement: "PyDict_SetDefaultRef (a strong reference)",
  since: "3.13",
  compat: "yes (pythoncapi_compat.h, for Python < 3.13)",
  docs: {
    what: "Finds PyDict_SetDefault on a dict that other threads may share.",
    why: "PyDict_SetDefault returns a borrowed reference to the value now in the dict. Without the GIL another thread can replace that value, and free it, before this code uses it.",
    example: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "intern_name(PyObject *table, PyObject *name)",
      "{",
      "    PyObject *found = PyDict_SetDefault(table, name, name);",
      "    return Py_XNewRef(found);",
      "}",
    ].join('\n'),
    useInstead: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "intern_name(PyObject *table, PyObject *name)",
      "{",
      "    PyObject *found;",
      "    if (PyDict_SetDefaultRef(table, name, name, &found) < 0) {",
      "        return NULL;",
      "    }",
      "    return found;",
      "}",
    ].join('\n'),
  },
});
