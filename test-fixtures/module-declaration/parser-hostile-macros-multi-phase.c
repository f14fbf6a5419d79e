/* Parser-hostile macros around an undeclared multi-phase module: a type built with
 * PyObject_HEAD and PyVarObject_HEAD_INIT(NULL, 0), functions using Py_BEGIN_ALLOW_THREADS /
 * Py_END_ALLOW_THREADS and Py_BEGIN_CRITICAL_SECTION(o) / Py_END_CRITICAL_SECTION() (with a
 * fallback for Pythons before 3.13). The finding must still land on the slot array's line.
 * Findings: module-missing-gil-slot on the slot array's line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <unistd.h>

#ifndef Py_BEGIN_CRITICAL_SECTION
#  define Py_BEGIN_CRITICAL_SECTION(op) {
#  define Py_END_CRITICAL_SECTION() }
#endif

typedef struct {
    PyObject_HEAD
    long hits;
    PyObject *label;
} TimerObject;

static PyObject *
Timer_hit(TimerObject *self, PyObject *Py_UNUSED(ignored))
{
    long hits;
    Py_BEGIN_CRITICAL_SECTION(self);
    hits = ++self->hits;
    Py_END_CRITICAL_SECTION();
    return PyLong_FromLong(hits);
}

static void
Timer_dealloc(TimerObject *self)
{
    Py_XDECREF(self->label);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Timer_methods[] = {
    {"hit", (PyCFunction)Timer_hit, METH_NOARGS, "Count one hit."},
    {NULL, NULL, 0, NULL}
};

static PyTypeObject TimerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "stopwatch.Timer",                /* tp_name */
    sizeof(TimerObject),              /* tp_basicsize */
    0,                                /* tp_itemsize */
    (destructor)Timer_dealloc,        /* tp_dealloc */
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A hit counter.",
    .tp_methods = Timer_methods,
    .tp_new = PyType_GenericNew,
};

static PyObject *
stopwatch_sleep(PyObject *module, PyObject *arg)
{
    unsigned long usec = PyLong_AsUnsignedLong(arg);
    if (usec == (unsigned long)-1 && PyErr_Occurred()) {
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    usleep((useconds_t)usec);
    Py_END_ALLOW_THREADS
    Py_RETURN_NONE;
}

static PyMethodDef stopwatch_methods[] = {
    {"sleep", stopwatch_sleep, METH_O, "Sleep without holding the GIL."},
    {NULL, NULL, 0, NULL}
};

static int
stopwatch_exec(PyObject *module)
{
    if (PyType_Ready(&TimerType) < 0) {
        return -1;
    }
    Py_INCREF(&TimerType);
    if (PyModule_AddObject(module, "Timer", (PyObject *)&TimerType) < 0) {
        Py_DECREF(&TimerType);
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot stopwatch_slots[] = {  // expect: module-missing-gil-slot
    {Py_mod_exec, stopwatch_exec},
    {0, NULL}
};

static struct PyModuleDef stopwatch_module = {
    PyModuleDef_HEAD_INIT, "stopwatch", NULL, 0, stopwatch_methods, stopwatch_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_stopwatch(void)
{
    return PyModuleDef_Init(&stopwatch_module);
}
