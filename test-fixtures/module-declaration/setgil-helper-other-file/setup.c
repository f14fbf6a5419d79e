/* Shared module set-up for the _geo module. */
#include "common.h"

static int
add_constants(PyObject *module)
{
    if (PyModule_AddIntConstant(module, "EARTH_RADIUS_KM", 6371) < 0) {
        return -1;
    }
    return PyModule_AddStringConstant(module, "DATUM", "WGS84");
}

int
finish_module_init(PyObject *module)
{
    if (add_constants(module) < 0) {
        return -1;
    }
#ifdef Py_GIL_DISABLED
    if (PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED) < 0) {
        return -1;
    }
#endif
    return 0;
}
