static Py_UNICODE *wide_buffer;  // expect: deprecated-api
