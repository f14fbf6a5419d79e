static Py_UNICODE *common_b;  // expect: deprecated-api
