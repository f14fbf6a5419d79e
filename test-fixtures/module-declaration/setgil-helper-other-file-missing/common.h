/* setgil-helper-other-file-missing: like setgil-helper-other-file, but the helper that
 * PyInit_ calls in setup.c never calls PyUnstable_Module_SetGIL (only a comment mentions
 * it). The module is undeclared; the finding sits on the PyInit_ line in module.c.
 * Findings: module-missing-set-gil in module.c only. */
#ifndef UNITS_COMMON_H
#define UNITS_COMMON_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

int units_finish_init(PyObject *module);

#endif
