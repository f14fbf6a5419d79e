/* Single-phase module whose PyUnstable_Module_SetGIL call is commented out and whose
 * strings mention it. Mentions are not calls.
 * Findings: module-missing-set-gil on the PyInit_ line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
todo_status(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyUnicode_FromString(
        "free-threading: call PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED) once audited");
}

static PyMethodDef todo_methods[] = {
    {"status", todo_status, METH_NOARGS, "Porting status."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef todo_module = {
    PyModuleDef_HEAD_INIT, "todo", NULL, -1, todo_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_todo(void)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&todo_module);
    if (m == NULL) {
        return NULL;
    }
    /*
#ifdef Py_GIL_DISABLED
    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
#endif
    */
    // PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);
    return m;
}
