/* A header's switches decide what the free-threaded build compiles here too: the trace
 * flag is #undef'd in config.h, the heap lock exists only before 3.13, and so does the call
 * tracking of legacy.h, which config.h includes for those builds only; none is reported. The
 * statistics KEEP_STATS keeps on are. */
#include "config.h"

static int logging;
static long hits, calls;
#if HAVE_PYMUTEX
static PyMutex lock;
#else
static PyThread_type_lock lock;
#endif

static PyObject *
lookup(PyObject *self, PyObject *key)
{
#if TRACE_LOG
    logging = 1;
#endif
#if KEEP_STATS
    hits++;  // expect: static-state-write
#endif
#if TRACK_CALLS
    calls++;
#endif
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"lookup", lookup, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *m)
{
#if !HAVE_PYMUTEX
    lock = PyThread_allocate_lock();
    if (lock == NULL) {
        return -1;
    }
#endif
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
    .m_name = "demo.switches",
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_switches(void)
{
    return PyModuleDef_Init(&module);
}
