/* Multi-line positional PyModuleDef with comments between fields: m_slots (6th) is NULL
 * while m_traverse and m_clear (7th, 8th) are real functions, so a field miscount would
 * mistake a function for the slot array.
 * Findings: module-missing-gil-slot on the line naming the PyModuleDef variable. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    PyObject *registry;
} plugstate;

static PyObject *
plug_count(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    plugstate *st = (plugstate *)PyModule_GetState(module);
    return PyLong_FromSsize_t(st->registry ? PyDict_Size(st->registry) : 0);
}

static PyMethodDef plug_methods[] = {
    {"count", plug_count, METH_NOARGS, "Number of registered plugins."},
    {NULL, NULL, 0, NULL}
};

static int
plug_traverse(PyObject *module, visitproc visit, void *arg)
{
    plugstate *st = (plugstate *)PyModule_GetState(module);
    Py_VISIT(st->registry);
    return 0;
}

static int
plug_clear(PyObject *module)
{
    plugstate *st = (plugstate *)PyModule_GetState(module);
    Py_CLEAR(st->registry);
    return 0;
}

static struct PyModuleDef
    plug_module =  // expect: module-missing-gil-slot
{
    PyModuleDef_HEAD_INIT,
    /* name, doc */
    "plug", NULL,
    /* state */
    sizeof(plugstate),
    /* methods, slots */
    plug_methods, NULL,
    /* gc: traverse, clear, free */
    plug_traverse, plug_clear, NULL
};

PyMODINIT_FUNC
PyInit_plug(void)
{
    return PyModuleDef_Init(&plug_module);
}
