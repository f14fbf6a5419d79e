/* Multi-phase module whose slot array is defined AFTER the PyModuleDef (forward declared
 * before it) and has no Py_mod_gil entry. The finding sits on the line that defines the
 * array (with the initializer), not on the forward declaration.
 * Findings: module-missing-gil-slot on the `tardy_slots[] = {` line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
tardy_twice(PyObject *module, PyObject *arg)
{
    PyObject *two = PyLong_FromLong(2);
    if (two == NULL) {
        return NULL;
    }
    PyObject *result = PyNumber_Multiply(arg, two);
    Py_DECREF(two);
    return result;
}

static PyMethodDef tardy_methods[] = {
    {"twice", tardy_twice, METH_O, "Multiply by two."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot tardy_slots[];

static struct PyModuleDef tardy_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "tardy",
    .m_size = 0,
    .m_methods = tardy_methods,
    .m_slots = tardy_slots,
};

static int
tardy_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "FACTOR", 2);
}

static PyModuleDef_Slot tardy_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, tardy_exec},
    {0, NULL}
};

PyMODINIT_FUNC
PyInit_tardy(void)
{
    return PyModuleDef_Init(&tardy_module);
}
