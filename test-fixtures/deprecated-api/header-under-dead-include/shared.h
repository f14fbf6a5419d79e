/* Included from live code by mod.c and from a dead branch by other.c. */
static Py_UNICODE *shared_buffer;  // expect: deprecated-api
