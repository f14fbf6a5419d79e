/* A file's own macros, defined per Python version, decide what the free-threaded build
 * compiles: the heap lock and the static type cache below exist only before 3.13 and 3.11,
 * so nothing in them is reported; the code a macro keeps in every build still is. */
#include <Python.h>

#if PY_VERSION_HEX >= 0x030d0000 && !defined(Py_LIMITED_API)
#  define USE_PYMUTEX 1
#else
#  define USE_PYMUTEX 0
#endif

#if PY_VERSION_HEX < 0x030b0000
#  define USE_STATIC_TYPES 1
#else
#  define USE_STATIC_TYPES 0
#endif

#define HAVE_CACHE 1

#if USE_PYMUTEX
static PyMutex table_lock;
#else
static PyThread_type_lock table_lock;
#endif

#if USE_STATIC_TYPES
static PyObject *declarations;

static int
import_declarations(void)
{
    declarations = PyImport_ImportModule("declarations");
    return declarations == NULL ? -1 : 0;
}
#endif

static PyObject *json_module;
static long lookups;

static PyObject *
lookup(PyObject *self, PyObject *key)
{
#if USE_PYMUTEX
    PyMutex_Lock(&table_lock);
#else
    PyThread_acquire_lock(table_lock, WAIT_LOCK);
#endif
#if !USE_STATIC_TYPES
    lookups++;
#endif
#if USE_PYMUTEX
    PyMutex_Unlock(&table_lock);
#else
    PyThread_release_lock(table_lock);
#endif
#if HAVE_CACHE
    if (json_module == NULL) {
        json_module = PyImport_ImportModule("json");  // expect: static-state-write
    }
#endif
#if USE_STATIC_TYPES
    if (declarations == NULL && import_declarations() < 0) {
        return NULL;
    }
#endif
    return Py_XNewRef(json_module);
}

static PyMethodDef methods[] = {
    {"lookup", lookup, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *m)
{
#if !USE_PYMUTEX
    table_lock = PyThread_allocate_lock();
    if (table_lock == NULL) {
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
    .m_name = "demo.own_macros",
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit_own_macros(void)
{
    return PyModuleDef_Init(&module);
}
