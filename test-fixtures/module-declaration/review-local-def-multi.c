/* Regression from review: PyModuleDef and slots declared static inside PyInit (multi-phase). */
#include <Python.h>

static int exec_mod(PyObject *m) { return 0; }

PyMODINIT_FUNC
PyInit_localmulti(void)
{
    static PyModuleDef_Slot slots[] = {  // expect: module-missing-gil-slot
        {Py_mod_exec, exec_mod},
        {0, NULL}
    };
    static struct PyModuleDef moduledef = {
        PyModuleDef_HEAD_INIT,
        .m_name = "localmulti",
        .m_size = 0,
        .m_slots = slots,
    };
    return PyModuleDef_Init(&moduledef);
}
