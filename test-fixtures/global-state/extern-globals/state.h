/* Globals one file defines and the others write through these declarations. */
#ifndef STATE_H
#define STATE_H
#include <Python.h>

extern long total_calls;
extern PyObject *last_result;
extern char last_name[32];
extern const long call_limit;
extern _Thread_local int depth;

#endif
