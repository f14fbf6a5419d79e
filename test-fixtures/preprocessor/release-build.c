/* What the code does when it runs is judged as wheels are built: NDEBUG is defined and the
 * project's own debugging switches are off, so debug-only bookkeeping races nobody. Whether
 * the code compiles is judged in every build: a deprecated call in assert-only code is still
 * reported, and CPython's own Py_DEBUG stays a question. */
#include <Python.h>

static long debug_cost, assert_checks, refdebug_total, calls;

static void
encode(long cost)
{
#if defined(TRACE_DEBUG) && (TRACE_DEBUG >= 6)
    debug_cost += cost;
#endif
#ifndef NDEBUG
    assert_checks++;
    if (PyErr_Occurred()) {
        PyObject *type, *value, *traceback;
        PyErr_Fetch(&type, &value, &traceback);  // expect: deprecated-api
        PyErr_Restore(type, value, traceback);  // expect: deprecated-api
    }
#endif
#ifdef Py_DEBUG
    refdebug_total++;  // expect: static-state-write
#endif
    calls++;  // expect: static-state-write
}

static PyObject *
run(PyObject *self, PyObject *arg)
{
    encode(PyLong_AsLong(arg));
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"run", run, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
