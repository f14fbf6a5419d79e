/* static-state-write: a global another file defines is written here through its extern
 * declaration in state.h; a parameter or a local of the same name hides it, and a constant or
 * thread-local global is no race. */
#include <Python.h>
#include <string.h>
#include "state.h"

static PyObject *
touch(PyObject *self, PyObject *arg)
{
    total_calls++;  // expect: static-state-write
    depth++;
    Py_XSETREF(last_result, Py_NewRef(arg));  // expect: static-state-write
    strncpy(last_name, "touch", sizeof last_name);  // expect: static-state-write
    if (total_calls > call_limit) {
        last_result = NULL;  // expect: static-state-write
    }
    Py_RETURN_NONE;
}

static long
count_from(long total_calls)
{
    total_calls += 1;
    return total_calls;
}

static PyObject *
local_count(PyObject *self, PyObject *arg)
{
    long total_calls = PyLong_AsLong(arg);
    total_calls *= 2;
    return PyLong_FromLong(count_from(total_calls));
}

static PyMethodDef methods[] = {
    {"touch", touch, METH_O, NULL},
    {"local_count", local_count, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *m)
{
    total_calls = 0;
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "demo.externs",
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_externs(void)
{
    return PyModuleDef_Init(&module);
}
