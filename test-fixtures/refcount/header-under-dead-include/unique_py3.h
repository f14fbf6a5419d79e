static int can_reuse(PyObject *o) { return Py_REFCNT(o) == 1; }  // expect: refcount-uniqueness-check
