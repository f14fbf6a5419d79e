/** The lines that declare free-threading support, as the rules' fix texts and `fix --declare` write them. */
import type { PythonVersion } from '../python-version.js';

export function supportsPythonBefore313(minPython: PythonVersion): boolean {
  return minPython.major < 3 || (minPython.major === 3 && minPython.minor < 13);
}

/** The slot entry to add, guarded when the project still supports Pythons without Py_mod_gil. */
export function gilSlotLines(minPython: PythonVersion, indent = '    '): string {
  const entry = `${indent}{Py_mod_gil, Py_MOD_GIL_NOT_USED},`;
  return supportsPythonBefore313(minPython) ? `#ifdef Py_mod_gil\n${entry}\n#endif` : entry;
}

/** The call to add; PyUnstable_Module_SetGIL exists only in free-threaded builds, whatever the version. */
export function setGilLines(variable: string, indent = '    ', nullChecked = true): string {
  const call = `PyUnstable_Module_SetGIL(${variable}, Py_MOD_GIL_NOT_USED);`;
  // The call dereferences the module: without a NULL check before it, it must make its own.
  const body = nullChecked ? `${indent}${call}` : `${indent}if (${variable} != NULL) {\n${indent}    ${call}\n${indent}}`;
  return `#ifdef Py_GIL_DISABLED\n${body}\n#endif`;
}
