/* setgil-helper-other-file: a single-phase module whose PyInit_ (in module.c) calls
 * finish_module_init() from setup.c, which calls PyUnstable_Module_SetGIL under
 * #ifdef Py_GIL_DISABLED.
 * Findings: clean. */
#ifndef GEO_COMMON_H
#define GEO_COMMON_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

int finish_module_init(PyObject *module);

#endif
