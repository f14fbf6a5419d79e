/**
 * The variables a project declares `extern` (`extern long total_calls;` in a header): globals one
 * file defines and others write. Read lexically from every file before any is parsed, so that
 * each file's facts see the globals it reaches through its headers.
 */

import { THREAD_SAFE_STORAGE } from '../facts/storage.js';

/** An `extern` declaration up to its `;`, not `extern "C"` and not one with a parameter list (a function). */
const EXTERN = /\bextern\s+(?!"C")([^;(){}"'#]*?)\s*;/g;
/** Not written while Python code runs: tables and type objects, filled while the module is imported. */
const TABLE_TYPE = /^(?:struct\s+)?(?:PyTypeObject|PyMethodDef|PyMemberDef|PyGetSetDef|PyModuleDef|PyType_Spec)\b/;

/** The names of the writable variables the text declares `extern`, in order. */
export function externVariables(text: string): string[] {
  if (!text.includes('extern')) return [];
  const names: string[] = [];
  for (const m of text.matchAll(EXTERN)) {
    const declaration = m[1].replace(/\/\*[\s\S]*?\*\//g, ' ').trim();
    // Each thread has its own, or every access is atomic.
    if (TABLE_TYPE.test(declaration) || THREAD_SAFE_STORAGE.test(declaration)) continue;
    const constant = /\bconst\b/.test(declaration);
    for (const declarator of declaration.split(',')) {
      const name = /([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*$/.exec(declarator)?.[1];
      // `const int LIMIT` cannot be written; `const char *name` can be pointed elsewhere.
      if (name !== undefined && !(constant && !declarator.includes('*'))) names.push(name);
    }
  }
  return names;
}
