/* Multi-phase init (PyModuleDef_Init) of a positional def whose m_slots is NULL: the module
 * has no slot array to hold Py_mod_gil.
 * Findings: module-missing-gil-slot on the line naming the PyModuleDef variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
mean_mean(PyObject *module, PyObject *arg)
{
    PyObject *seq = PySequence_Fast(arg, "mean() needs a sequence");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    double total = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        double x = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(seq, i));
        if (x == -1.0 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
        total += x;
    }
    Py_DECREF(seq);
    return PyFloat_FromDouble(n ? total / (double)n : 0.0);
}

static PyMethodDef mean_methods[] = {
    {"mean", mean_mean, METH_O, "Arithmetic mean."},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef mean_module = {  // expect: module-missing-gil-slot
    PyModuleDef_HEAD_INIT,
    "mean",
    "Averages.",
    0,
    mean_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_mean(void)
{
    return PyModuleDef_Init(&mean_module);
}
