static PyObject *keywords;

/* Reached from parse.c, a sibling in module.c's unit. */
static PyObject *
lex_all(PyObject *text)
{
    if (keywords == NULL) {
        keywords = PyDict_New();  // expect: static-state-write
    }
    return Py_NewRef(text);
}
