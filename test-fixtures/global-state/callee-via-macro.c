/* static-state-write: helpers reached only through the project's function-like
 * macros are followed from the place each macro is used; a macro used only at
 * import, under a lock, or never, does not make its callee callable from Python. */
#include <Python.h>

static long counter, next, loads, unused_total;
static PyObject *primitives[8];
static PyMutex load_lock;

static long bump(void) { counter++; return counter; }  // expect: static-state-write
#define BUMP() bump()

static long next_id(void) { return ++next; }  // expect: static-state-write
#define BUMP_ID() next_id()
#define NEW_ID() (BUMP_ID() + 0)

static PyObject *
build_primitive(int n)
{
    primitives[n] = PyLong_FromLong(n);  // expect: static-state-write
    return primitives[n];
}
#define GET_PRIMITIVE(n) (primitives[n] != NULL ? primitives[n] : build_primitive(n))

static void load_once(void) { loads++; }
#define LOAD() load_once()

static void add_unused(void) { unused_total++; }
#define ADD_UNUSED() add_unused()

static PyObject *
count(PyObject *self, PyObject *arg)
{
    return PyLong_FromLong(BUMP() + NEW_ID());
}

static PyObject *
primitive(PyObject *self, PyObject *arg)
{
    return Py_XNewRef(GET_PRIMITIVE(PyLong_AsLong(arg) & 7));
}

static PyObject *
reload(PyObject *self, PyObject *arg)
{
    PyMutex_Lock(&load_lock);
    LOAD();
    PyMutex_Unlock(&load_lock);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"count", count, METH_O, NULL},
    {"primitive", primitive, METH_O, NULL},
    {"reload", reload, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static int
exec_module(PyObject *m)
{
    LOAD();
    return 0;
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
    {0, NULL},
};
