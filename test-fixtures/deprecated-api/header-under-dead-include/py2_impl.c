/* A .c file may also be compiled on its own: a dead #include does not make it dead. */
static Py_UNICODE *py2_impl_buffer;  // expect: deprecated-api
