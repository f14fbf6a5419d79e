/* PyImport_AddModule kept for old Pythons or the GIL build: the branches free-threaded 3.14
 * does not compile are silent, a branch under a project macro it may compile is reported,
 * and a helper macro over PyImport_AddModule is reported where it is used.
 * Findings: borrowed-import-module under USE_LEGACY_IMPORT and on the MAIN_MODULE macro. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define MAIN_MODULE() PyImport_AddModule("__main__")

static PyObject *
get_main(void)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyImport_AddModuleRef("__main__");
#else
    return Py_XNewRef(PyImport_AddModule("__main__"));
#endif
}

static PyObject *
get_builtins_module(void)
{
#ifndef Py_GIL_DISABLED
    return Py_XNewRef(PyImport_AddModule("builtins"));
#else
    return PyImport_AddModuleRef("builtins");
#endif
}

static PyObject *
get_site(void)
{
#if 0
    return Py_XNewRef(PyImport_AddModuleObject(PyUnicode_FromString("site")));
#endif
#ifdef USE_LEGACY_IMPORT
    return Py_XNewRef(PyImport_AddModule("site"));  // expect: borrowed-import-module
#else
    return PyImport_ImportModule("site");
#endif
}

static PyObject *
main_name(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    PyObject *m = get_main();
    if (m == NULL) {
        return NULL;
    }
    PyObject *name = PyModule_GetNameObject(m);
    Py_DECREF(m);
    return name;
}

static PyObject *
main_is_loaded(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyBool_FromLong(MAIN_MODULE() != NULL);  // expect: borrowed-import-module
}

static PyObject *
builtins_and_site(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(NN)", get_builtins_module(), get_site());
}

static PyMethodDef legacyimport_methods[] = {
    {"main_name", main_name, METH_NOARGS, NULL},
    {"main_is_loaded", main_is_loaded, METH_NOARGS, NULL},
    {"builtins_and_site", builtins_and_site, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};
