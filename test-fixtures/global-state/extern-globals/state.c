/* static-state-write: the definitions of the globals state.h declares. */
#include "state.h"

long total_calls = 0;
PyObject *last_result = NULL;
char last_name[32];
const long call_limit = 1000;
_Thread_local int depth = 0;
