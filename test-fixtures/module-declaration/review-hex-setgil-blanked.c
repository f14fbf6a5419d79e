/* Regression from review: SetGIL guarded for 3.14.1 and later still counts. */
#include <Python.h>
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef moduledef = { PyModuleDef_HEAD_INIT, "hexgil", NULL, -1, methods };

PyMODINIT_FUNC
PyInit_hexgil(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL)
        return NULL;
    /* only trust the free-threaded build from 3.14.1 on (gh-12345 fixed there) */
#if defined(Py_GIL_DISABLED) && PY_VERSION_HEX >= 0x030E0100
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    return m;
}
