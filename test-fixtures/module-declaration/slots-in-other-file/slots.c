/* Slot array of the kvstore module (declared in kvstore.h, used by module.c). */
#include "kvstore.h"

int
kvstore_exec(PyObject *module)
{
    PyObject *store = PyDict_New();
    if (store == NULL) {
        return -1;
    }
    if (PyModule_AddObject(module, "_store", store) < 0) {
        Py_DECREF(store);
        return -1;
    }
    return 0;
}

PyModuleDef_Slot kvstore_slots[] = {
    {Py_mod_exec, kvstore_exec},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};
