/* Multi-phase module that explicitly keeps the GIL: {Py_mod_gil, Py_MOD_GIL_USED}, guarded
 * by #ifdef Py_mod_gil. A deliberate choice: a note, not a missing declaration.
 * Findings: module-gil-used on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *counter_total;

static PyObject *
counter_bump(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *one = PyLong_FromLong(1);
    if (one == NULL) {
        return NULL;
    }
    PyObject *next = PyNumber_Add(counter_total, one);
    Py_DECREF(one);
    if (next == NULL) {
        return NULL;
    }
    Py_SETREF(counter_total, next);
    Py_INCREF(counter_total);
    return counter_total;
}

static PyMethodDef counter_methods[] = {
    {"bump", counter_bump, METH_NOARGS, "Increment the global counter."},
    {NULL, NULL, 0, NULL}
};

static int
counter_exec(PyObject *module)
{
    counter_total = PyLong_FromLong(0);
    return counter_total == NULL ? -1 : 0;
}

static PyModuleDef_Slot counter_slots[] = {
    {Py_mod_exec, counter_exec},
#ifdef Py_mod_gil
    /* counter_total is process-global and unsynchronised */
    {Py_mod_gil, Py_MOD_GIL_USED},  // expect: module-gil-used
#endif
    {0, NULL}
};

static struct PyModuleDef counter_module = {
    PyModuleDef_HEAD_INIT, "counter", NULL, 0, counter_methods, counter_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_counter(void)
{
    return PyModuleDef_Init(&counter_module);
}
