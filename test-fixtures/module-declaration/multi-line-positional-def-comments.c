/* Multi-line positional PyModuleDef with a comment on every field, some of them holding
 * commas and braces, so counting fields by commas in the raw text goes wrong. m_slots (6th)
 * is a slot array with a guarded Py_mod_gil entry.
 * Findings: clean. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
vec_dot(PyObject *module, PyObject *args)
{
    double ax, ay, bx, by;
    if (!PyArg_ParseTuple(args, "(dd)(dd):dot", &ax, &ay, &bx, &by)) {
        return NULL;
    }
    return PyFloat_FromDouble(ax * bx + ay * by);
}

static PyMethodDef vec_methods[] = {
    {"dot", vec_dot, METH_VARARGS, "Dot product of two 2-vectors."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot vec_slots[] = {
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL}
};

static struct PyModuleDef vec_module = {
    PyModuleDef_HEAD_INIT,              /* m_base */
    "vec",                              /* m_name, as in "import vec" */
    "2-D vector helpers, {x, y}.",      /* m_doc */
    0,                                  /* m_size: no state, nothing per-interpreter */
    vec_methods,                        /* m_methods */
    /* m_slots, {slot, value} pairs: */
    vec_slots,
    NULL,                               /* m_traverse */
    NULL,                               // m_clear, unused
    NULL                                /* m_free */
};

PyMODINIT_FUNC
PyInit_vec(void)
{
    return PyModuleDef_Init(&vec_module);
}
