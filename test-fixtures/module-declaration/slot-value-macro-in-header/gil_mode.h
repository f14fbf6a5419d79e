/* The project's one switch for every module's Py_mod_gil value. */
#ifndef GIL_MODE_H
#define GIL_MODE_H
#include <Python.h>

#ifdef Py_mod_gil
#  define PROJECT_GIL_MODE Py_MOD_GIL_NOT_USED
#endif

#endif
