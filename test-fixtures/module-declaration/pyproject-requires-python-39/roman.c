/* Multi-phase module with an unguarded {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry; the unit's
 * pyproject.toml says requires-python = ">=3.9".
 * Findings: gil-slot-unguarded on the entry line. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
roman_to_int(PyObject *module, PyObject *arg)
{
    const char *s = PyUnicode_AsUTF8(arg);
    if (s == NULL) {
        return NULL;
    }
    long total = 0, prev = 0;
    for (const char *p = s + strlen(s); p-- != s;) {
        long v;
        switch (*p) {
        case 'I': v = 1; break;
        case 'V': v = 5; break;
        case 'X': v = 10; break;
        case 'L': v = 50; break;
        case 'C': v = 100; break;
        case 'D': v = 500; break;
        case 'M': v = 1000; break;
        default:
            PyErr_Format(PyExc_ValueError, "not a roman digit: %c", *p);
            return NULL;
        }
        total += v < prev ? -v : v;
        if (v > prev) {
            prev = v;
        }
    }
    return PyLong_FromLong(total);
}

static PyMethodDef roman_methods[] = {
    {"to_int", roman_to_int, METH_O, "Parse a roman numeral."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef_Slot roman_slots[] = {
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},  // expect: gil-slot-unguarded
    {0, NULL}
};

static struct PyModuleDef roman_module = {
    PyModuleDef_HEAD_INIT, "roman", NULL, 0, roman_methods, roman_slots, NULL, NULL, NULL
};

PyMODINIT_FUNC
PyInit_roman(void)
{
    return PyModuleDef_Init(&roman_module);
}
