/* Shared module set-up for the _units module. */
#include "common.h"

int
units_finish_init(PyObject *module)
{
    if (PyModule_AddIntConstant(module, "MM_PER_INCH_X100", 2540) < 0) {
        return -1;
    }
    /* TODO(free-threading): PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED)
     * once the conversion cache is protected. */
    return PyModule_AddStringConstant(module, "BASE", "metre");
}
