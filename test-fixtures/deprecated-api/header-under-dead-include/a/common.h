/* Two scanned headers end with common.h: other.c's dead #include could name either, so neither is dead. */
static Py_UNICODE *common_a;  // expect: deprecated-api
