/* static-state-write: a call reaches the project function of its name unless a parameter
 * of that name hides it (a callback passed in), and a table's strings name no function:
 * only what the code calls or the table points at is callable from Python. */
#include <Python.h>

static long produced, stepped, skipped;

long next(void) { return ++produced; }
long step(void) { return ++stepped; }  // expect: static-state-write
long skip(void) { return ++skipped; }

typedef int (*next_fn)(PyObject *);

static int
read_all(PyObject *src, next_fn next)
{
    int n = 0;
    while (next(src) == 0)
        n++;
    return n + (int)step();
}

static int
first_item(PyObject *src)
{
    return PyObject_IsTrue(src) ? 0 : -1;
}

static PyObject *
drain(PyObject *self, PyObject *arg)
{
    return PyLong_FromLong(read_all(arg, first_item));
}

static PyObject *
position(PyObject *self, void *closure)
{
    return PyLong_FromLong(0);
}

static PyMethodDef methods[] = {
    {"drain", drain, METH_O, PyDoc_STR("drain(src): call next until it fails")},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef getset[] = {
    {"position", (getter)position, NULL, PyDoc_STR("where the next skip starts")},
    {NULL, NULL, NULL, NULL},
};
