/* Included from a dead branch and a live one of the same file. */
static Py_UNICODE *twin_buffer;  // expect: deprecated-api
