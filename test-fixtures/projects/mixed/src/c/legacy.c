/* Single-phase and not declared: nothing else stands in the way. */
#include <Python.h>

static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT, "mixed.legacy", NULL, -1, NULL,
};

PyMODINIT_FUNC
PyInit_legacy(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&legacy_module);
    if (m == NULL) {
        return NULL;
    }
    return m;
}
