/* slots-in-other-file-undeclared: like slots-in-other-file, but the slot array defined in
 * slots.c has no Py_mod_gil entry. The finding sits in slots.c, on the array's line.
 * Findings: module-missing-gil-slot in slots.c only. */
#ifndef TOKENIZE_H
#define TOKENIZE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyModuleDef_Slot tokenize_slots[];

#endif
