/* Python 2/3 compatible single-phase module: PyInit_ under `#if PY_MAJOR_VERSION >= 3`,
 * init<name> in the #else branch. The Python 3 init never calls PyUnstable_Module_SetGIL;
 * the Python 2 init function is not a finding.
 * Findings: module-missing-set-gil on the PyInit_ line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static char legacy_doc[] = "A module that still builds for Python 2.";

static PyObject *
legacy_answer(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("i", 42);
}

static PyMethodDef legacy_methods[] = {
    {"answer", legacy_answer, METH_NOARGS, "The answer."},
    {NULL, NULL, 0, NULL}
};

#if PY_MAJOR_VERSION >= 3
static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT,
    "legacy",
    legacy_doc,
    -1,
    legacy_methods,
    NULL,
    NULL,
    NULL,
    NULL
};

PyMODINIT_FUNC
PyInit_legacy(void)  // expect: module-missing-set-gil
{
    return PyModule_Create(&legacy_module);
}
#else
PyMODINIT_FUNC
initlegacy(void)
{
    (void)Py_InitModule3("legacy", legacy_methods, legacy_doc);
}
#endif
