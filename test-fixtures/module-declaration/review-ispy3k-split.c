/* Regression from review: init header split over #ifdef IS_PY3K, itself defined under PY_MAJOR_VERSION >= 3. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define IS_PY3K
#endif

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};

#ifdef IS_PY3K
static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "splitty", NULL, -1, methods, NULL, NULL, NULL, NULL
};
#define INITERROR return NULL

PyMODINIT_FUNC
PyInit_splitty(void)  // expect: module-missing-set-gil
#else
#define INITERROR return

void
initsplitty(void)
#endif
{
#ifdef IS_PY3K
    PyObject *module = PyModule_Create(&moduledef);
#else
    PyObject *module = Py_InitModule("splitty", methods);
#endif
    if (module == NULL)
        INITERROR;
#ifdef IS_PY3K
    return module;
#endif
}
