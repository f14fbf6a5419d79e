/* Multi-phase init of a positional def that stops after m_methods (5 initializers), so
 * m_slots is implicitly NULL.
 * Findings: module-missing-gil-slot on the line naming the PyModuleDef variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
clock_ticks(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(100);
}

static PyMethodDef clock_methods[] = {
    {"ticks", clock_ticks, METH_NOARGS, "Clock ticks per second."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef clock_module = {PyModuleDef_HEAD_INIT, "clock", NULL, 0, clock_methods};  // expect: module-missing-gil-slot

PyMODINIT_FUNC
PyInit_clock(void)
{
    return PyModuleDef_Init(&clock_module);
}
