/* static-state-write in a unity build: .c files #included into module.c (and
 * into lib/all.c, which module.c includes) are compiled with it, so their static
 * functions are reachable from its method table. lonely.c is its own unit. */
#include <Python.h>
#include "parse.c"
#include "lib/all.c"

static PyObject *
py_parse(PyObject *self, PyObject *text)
{
    return parse_text(text);
}

static PyMethodDef methods[] = {
    {"parse", py_parse, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};
