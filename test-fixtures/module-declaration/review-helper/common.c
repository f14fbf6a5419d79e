#include "common.h"
PyObject *
make_module_extern(PyModuleDef *def)
{
    return PyModule_Create(def);
}
