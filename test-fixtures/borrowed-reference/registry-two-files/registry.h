/* registry-two-files: a plugin extension split over two sources. registry.c defines the
 * global registry dict and its own lookups; lookup.c reads the same dict through the
 * `extern` declaration below. A file-scope variable is only known in the file that
 * defines it, so in lookup.c the registry is an object of unknown origin: reported all
 * the same. The helper macro here is reported once, on its #define.
 * Findings: borrowed-dict-item on REGISTRY_HAS at the macro's uses, on the lookups in
 * registry.c and on the borrowed lookups in lookup.c. */
#ifndef PLUGINS_REGISTRY_H
#define PLUGINS_REGISTRY_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

extern PyObject *plugin_registry;   /* dict: name -> plugin object */

#define REGISTRY_HAS(name) (PyDict_GetItemString(plugin_registry, (name)) != NULL)

int registry_init(PyObject *module);
PyObject *registry_find(PyObject *name);
PyObject *plugins_load(PyObject *module, PyObject *name);
PyObject *plugins_describe(PyObject *module, PyObject *name);

#endif
