#include <Python.h>
#include "foo_moddef.h"
PyMODINIT_FUNC PyInit_foo(void) { return PyModuleDef_Init(&moduledef); }
