/* Regression from review: py3c MODULE_INIT_FUNC from a header outside the scan. */
#include <Python.h>
#include <py3c.h>

static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "ham",
    .m_size = -1,
    .m_methods = methods,
};

MODULE_INIT_FUNC(ham)  // expect: module-missing-set-gil
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) return NULL;
    return m;
}
