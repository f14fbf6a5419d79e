/* Regression from review: MOD_INIT macro header with a real PyModuleDef. */
#include <Python.h>

#if PY_MAJOR_VERSION >= 3
#define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#define MOD_RETURN(m) return m
#else
#define MOD_INIT(name) PyMODINIT_FUNC init##name(void)
#define MOD_RETURN(m) return
#endif

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "eggs", NULL, -1, methods,
};

MOD_INIT(eggs)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) MOD_RETURN(NULL);
    MOD_RETURN(m);
}
