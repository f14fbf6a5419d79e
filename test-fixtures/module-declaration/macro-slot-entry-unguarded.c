/* Multi-phase module whose Py_mod_gil entry comes from an unguarded multi-line macro: the
 * module is declared, but the macro body breaks 3.9-3.12. The warning sits on the
 * `#define` line; the lines of the macro end in backslashes, so the finding's comment is written
 * on the line after the macro, three lines below the #define.
 * Findings: gil-slot-unguarded on the #define line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
median3_median(PyObject *module, PyObject *args)
{
    double a, b, c;
    if (!PyArg_ParseTuple(args, "ddd:median", &a, &b, &c)) {
        return NULL;
    }
    double lo = a < b ? a : b;
    double hi = a < b ? b : a;
    return PyFloat_FromDouble(c < lo ? lo : (c > hi ? hi : c));
}

static PyMethodDef median3_methods[] = {
    {"median", median3_median, METH_VARARGS, "Median of three numbers."},
    {NULL, NULL, 0, NULL}
};

static int
median3_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "N", 3);
}

#define MEDIAN3_SLOTS \
    {Py_mod_exec, median3_exec}, \
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
// expect^^^: gil-slot-unguarded

static PyModuleDef_Slot median3_slots[] = {
    MEDIAN3_SLOTS
    {0, NULL}
};

static struct PyModuleDef median3_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "median3",
    .m_methods = median3_methods,
    .m_slots = median3_slots,
};

PyMODINIT_FUNC
PyInit_median3(void)
{
    return PyModuleDef_Init(&median3_module);
}
