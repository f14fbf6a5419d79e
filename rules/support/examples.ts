/** Whole small modules for the rules' docs examples, which a test runs through the engine. */

const GUARDED_GIL_SLOT = ['#ifdef Py_mod_gil', '    {Py_mod_gil, Py_MOD_GIL_NOT_USED},', '#endif'];

/** A multi-phase module whose slot array holds `entries` (whole lines) before its terminator. */
export function multiPhaseModule(entries: readonly string[] = GUARDED_GIL_SLOT): string {
  return [
    '#include <Python.h>',
    '',
    'static int exec_module(PyObject *m) { return 0; }',
    '',
    'static PyModuleDef_Slot example_slots[] = {',
    '    {Py_mod_exec, exec_module},',
    ...entries,
    '    {0, NULL}',
    '};',
    '',
    'static struct PyModuleDef example_module = {',
    '    PyModuleDef_HEAD_INIT, .m_name = "example", .m_slots = example_slots,',
    '};',
    '',
    'PyMODINIT_FUNC PyInit_example(void) { return PyModuleDef_Init(&example_module); }',
  ].join('\n');
}

/** A single-phase module whose init function has `body` (whole lines). */
export function singlePhaseModule(body: readonly string[]): string {
  return [
    '#include <Python.h>',
    '',
    'static struct PyModuleDef example_module = {',
    '    PyModuleDef_HEAD_INIT, "example", NULL, -1, NULL,',
    '};',
    '',
    'PyMODINIT_FUNC PyInit_example(void)',
    '{',
    ...body,
    '}',
  ].join('\n');
}
