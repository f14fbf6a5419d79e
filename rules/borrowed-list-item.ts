import { borrowedReferenceRule } from './support/borrowed.js';
import { HOWTO } from './support/module-parts.js';

export default borrowedReferenceRule({
  id: 'borrowed-list-item',
  apis: ["PyList_GetItem", "PyList_GET_ITEM"],
  severity: 'warning',
  guide: `${HOWTO}#borrowed-references`,
  replacement: "PyList_GetItemRef (a strong reference)",
  since: "3.13",
  compat: "yes (pythoncapi_compat.h, for Python < 3.13)",
  docs: {
    what: "Finds PyList_GetItem and PyList_GET_ITEM on a list that other threads may share.",
    why: "Both return a borrowed reference to the item. Without the GIL another thread can replace or delete that item, and free it, between the call and the moment this code uses it; PyList_GET_ITEM does not even lock the list. Lists the function created itself and has not passed on, and reads inside Py_BEGIN_CRITICAL_SECTION(list), are not reported.",
    example: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "first(PyObject *self, PyObject *list)",
      "{",
      "    PyObject *item = PyList_GetItem(list, 0);",
      "    return Py_XNewRef(item);",
      "}",
    ].join('\n'),
    useInstead: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "first(PyObject *self, PyObject *list)",
      "{",
      "    return PyList_GetItemRef(list, 0);",
      "}",
    ].join('\n'),
  },
});
