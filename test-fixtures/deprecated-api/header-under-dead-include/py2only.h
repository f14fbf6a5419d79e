static Py_UNICODE *py2_buffer;
