#include <Python.h>

#define ITEM_OF(d, k) PyDict_GetItem(d, k)
