/* No scanned file includes it: it may be included from elsewhere. */
static Py_UNICODE *orphan_buffer;  // expect: deprecated-api
