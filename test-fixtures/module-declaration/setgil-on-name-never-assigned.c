/* Single-phase module created into `module`, with a copy in `state_module`; SetGIL is called
 * on `mod`, a name nothing assigns the module to (it does not even compile in the
 * free-threaded build).
 * Findings: module-missing-set-gil (otherObject) on PyInit__probe. */
#include <Python.h>

static PyObject *state_module;

static PyMethodDef probe_methods[] = {
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef probe_module = {
    PyModuleDef_HEAD_INIT, "_probe", NULL, -1, probe_methods, NULL, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit__probe(void)  // expect: module-missing-set-gil
{
    PyObject *module = PyModule_Create(&probe_module);
    if (module == NULL) {
        return NULL;
    }
    state_module = module;
#ifdef Py_GIL_DISABLED
    if (PyUnstable_Module_SetGIL(mod, Py_MOD_GIL_NOT_USED) < 0) {
        return NULL;
    }
#endif
    return module;
}
