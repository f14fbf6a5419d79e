#include <Python.h>

extern PyObject *shared_names;
void export_all(PyObject *names);
