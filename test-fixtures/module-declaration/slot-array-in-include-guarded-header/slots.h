#ifndef EXT_SLOTS_H
#define EXT_SLOTS_H

#include <Python.h>

static int ext_exec(PyObject *m) { return 0; }

static PyModuleDef_Slot ext_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, ext_exec},
    {0, NULL}
};

#endif
