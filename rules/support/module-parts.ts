/** Wording shared by the module-declaration rules: how to name a module's parts and how to guard a fix. */
import type { ModuleFact } from '../../src/facts/modules.js';
import type { RelatedLocation } from '../../src/engine/rule.js';

export const HOWTO = 'https://docs.python.org/3.14/howto/free-threading-extensions.html';
export const MODULE_API = 'https://docs.python.org/3.14/c-api/module.html';

/**
 * "PyModuleDef speedups_def, PyInit__speedups (src/module.c)": the parts of a module, with
 * the file of each part that is not in `here`, the file of the finding.
 */
export function describeParts(module: ModuleFact, here: string): string {
  const parts: [string, string][] = [];
  if (module.def) parts.push([`PyModuleDef ${module.def.fact.name}`, module.def.file]);
  if (module.slotArray) parts.push([`slot array ${module.slotArray.fact.name}`, module.slotArray.file]);
  if (module.init) parts.push([module.init.fact.name, module.init.file]);
  return parts.map(([part, file]) => (file === here ? part : `${part} (${file})`)).join(', ');
}

/** The module's other parts, for related locations (SARIF) and the notes under a finding. */
export function relatedParts(module: ModuleFact): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  if (module.init) related.push({ file: module.init.file, range: module.init.fact.range, message: `init function ${module.init.fact.name}` });
  if (module.def) related.push({ file: module.def.file, range: module.def.fact.range, message: `PyModuleDef ${module.def.fact.name}` });
  if (module.slotArray) related.push({ file: module.slotArray.file, range: module.slotArray.fact.range, message: `slot array ${module.slotArray.fact.name}` });
  return related;
}

export { gilSlotLines, setGilLines, supportsPythonBefore313 } from '../../src/fix/declaration-text.js';
