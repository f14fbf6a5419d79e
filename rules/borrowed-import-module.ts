import { borrowedReferenceRule } from './support/borrowed.js';
import { HOWTO } from './support/module-parts.js';

export default borrowedReferenceRule({
  id: 'borrowed-import-module',
  apis: ["PyImport_AddModule", "PyImport_AddModuleObject"],
  severity: 'warning',
  guide: `${HOWTO}#borrowed-references`,
  replacement: "PyImport_AddModuleRef (a strong reference)",
  since: "3.13",
  compat: "yes (pythoncapi_compat.h, for Python < 3.13)",
  docs: {
    what: "Finds PyImport_AddModule and PyImport_AddModuleObject.",
    why: "They return a reference borrowed from sys.modules, which every thread can change: another thread can replace or remove the module and free it while this code uses it.",
    example: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "main_dict(void)",
      "{",
      "    PyObject *main = PyImport_AddModule(\"__main__\");",
      "    return main ? Py_NewRef(PyModule_GetDict(main)) : NULL;",
      "}",
    ].join('\n'),
    useInstead: [
      "#include <Python.h>",
      "",
      "static PyObject *",
      "main_dict(void)",
      "{",
      "    PyObject *main = PyImport_AddModuleRef(\"__main__\");",
      "    if (main == NULL) {",
      "        return NULL;",
      "    }",
      "    PyObject *dict = Py_NewRef(PyModule_GetDict(main));",
      "    Py_DECREF(main);",
      "    return dict;",
      "}",
    ].join('\n'),
  },
});
