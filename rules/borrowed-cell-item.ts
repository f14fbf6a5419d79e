import { borrowedReferenceRule } from './support/borrowed.js';
import { HOWTO } from './support/module-parts.js';

export default borrowedReferenceRule({
  id: 'borrowed-cell-item',
  apis: ["PyCell_GET"],
  severity: 'warning',
  guide: `${HOWTO}#borrowed-references`,
  replacement: "PyCell_Get (a strong reference)",
  since: "all versions",
  compat: "not needed",
  docs: {
    what: "Finds PyCell_GET on a cell that other threads may share.",
    why: "PyCell_GET returns a borrowed reference to the cell's contents. Without the GIL another thread can set the cell and free the old contents while this code uses them.",
    example: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "cell_value(PyObject *cell)",
      "{",
      "    return Py_XNewRef(PyCell_GET(cell));",
      "}",
    ].join('\n'),
    useInstead: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "cell_value(PyObject *cell)",
      "{",
      "    return PyCell_Get(cell);",
      "}",
    ].join('\n'),
  },
});
