/* slot-macro-in-header: a compatibility header defines the Py_mod_gil entry as a macro
 * (guarded by #ifdef Py_mod_gil, empty otherwise); module.c uses it in its slot array.
 * Findings: clean. */
#ifndef LZCOMPAT_H
#define LZCOMPAT_H

#include <Python.h>

#ifdef Py_mod_gil
#  define LZ_GIL_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#else
#  define LZ_GIL_SLOT
#endif

#if PY_VERSION_HEX >= 0x030C0000
#  define LZ_SUBINTERP_SLOT {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#else
#  define LZ_SUBINTERP_SLOT
#endif

#endif
