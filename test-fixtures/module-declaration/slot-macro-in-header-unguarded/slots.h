/* slot-macro-in-header-unguarded: the header defines the Py_mod_gil entry as a macro with
 * no version guard (the project supports 3.9+), so the warning sits on the #define line in
 * this header; the module itself is declared.
 * Findings: gil-slot-unguarded on the #define line below. */
#ifndef QOI_SLOTS_H
#define QOI_SLOTS_H

#define QOI_FREE_THREADING_SLOT {Py_mod_gil, Py_MOD_GIL_NOT_USED}  // expect: gil-slot-unguarded

#endif
