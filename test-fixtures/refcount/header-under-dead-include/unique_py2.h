static int can_reuse(PyObject *o) { return Py_REFCNT(o) == 1; }
