/* slots-in-other-file: the module's slot array is defined in slots.c and declared `extern`
 * here; the PyModuleDef and PyInit_ live in module.c. The array has a guarded Py_mod_gil.
 * Findings: clean. */
#ifndef KVSTORE_H
#define KVSTORE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyModuleDef_Slot kvstore_slots[];

int kvstore_exec(PyObject *module);

#endif
