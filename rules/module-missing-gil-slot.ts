import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED } from '../src/facts/guards.js';
import { declarationOf, type ModuleFact } from '../src/facts/modules.js';
import type { RuleContext } from '../src/engine/rule.js';
import type { Range } from '../src/facts/types.js';
import { multiPhaseModule } from './support/examples.js';
import { describeParts, gilSlotLines, HOWTO, MODULE_API, relatedParts } from './support/module-parts.js';

type MessageId = 'noGilSlot' | 'noSlots' | 'compiledOut';

function check(module: ModuleFact, context: RuleContext<MessageId>): void {
  if (module.initStyle !== 'multi-phase' || declarationOf(module) !== 'missing' || module.def === null) return;
  const { minPython } = context.options;
  const def = module.def;
  const report = (messageId: MessageId, at: { file: string; range: Range }, data: Record<string, string>, fix: string) =>
    context.report({
      messageId,
      data: { module: module.name, def: def.fact.name, parts: describeParts(module, at.file), ...data },
      file: at.file,
      range: at.range,
      fix,
      related: relatedParts(module),
    });

  const compiledOut = module.gilSlots.filter((s) => compiledInAny(s.guard, FREE_THREADED) === false);
  for (const slot of compiledOut) {
    const fix = `Guard the entry so that it is compiled in the free-threaded build:\n${gilSlotLines(minPython)}`;
    report('compiledOut', slot, { guard: slot.guard.join(' && ') }, fix);
  }
  if (compiledOut.length > 0) return;

  const array = module.slotArray;
  if (array !== null) {
    const terminator = array.fact.entries.find((e) => e.kind === 'slot' && e.slot === '0');
    const where = terminator ? `before the {0, NULL} terminator (line ${terminator.range.startLine})` : 'to the array';
    report('noGilSlot', { file: array.file, range: array.fact.range }, { array: array.fact.name }, `Add ${where}:\n${gilSlotLines(minPython)}`);
    return;
  }
  const arrayName = `${def.fact.name}_slots`;
  const fix =
    `Add a slot array before ${def.fact.name} and point m_slots at it:\n` +
    `static PyModuleDef_Slot ${arrayName}[] = {\n${gilSlotLines(minPython)}\n    {0, NULL}\n};\n` +
    `and in ${def.fact.name}: .m_slots = ${arrayName},`;
  report('noSlots', { file: def.file, range: def.fact.range }, {}, fix);
}

export default defineRule<MessageId>({
  id: 'module-missing-gil-slot',
  category: 'module-declaration',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#multi-phase-initialization`,
  references: [`${MODULE_API}#c.Py_mod_gil`],
  replacement: '{Py_mod_gil, Py_MOD_GIL_NOT_USED} in the PyModuleDef_Slot array',
  since: '3.13',
  compat: 'not needed: Py_mod_gil is a macro, so `#ifdef Py_mod_gil` guards it on older Pythons',
  verified: 'CPython Include/moduleobject.h and Doc/howto/free-threading-extensions.rst at v3.13.0 and v3.14.0',
  docs: {
    what: 'Finds multi-phase modules (PyInit_* returns PyModuleDef_Init) whose slot array has no {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry, or that have no slot array at all.',
    why:
      'A free-threaded interpreter (python3.14t) treats a module without the Py_mod_gil slot as needing the GIL: importing it turns the GIL ' +
      'back on for the whole process and prints a RuntimeWarning, so every thread of the program runs serialised again. ' +
      'Declare Py_MOD_GIL_NOT_USED only once the module is safe without the GIL: the other cext-audit rules list what to check first.',
    example: multiPhaseModule([]),
    useInstead: multiPhaseModule(),
    knownProblems:
      'A slot array built by a function-like macro or by code the scan does not include cannot be resolved; such modules are listed as "unknown" in the readiness summary, with what could not be resolved, instead of being reported.',
  },
  messages: {
    noGilSlot:
      'module "{{module}}" does not declare free-threading support: slot array {{array}} has no {Py_mod_gil, Py_MOD_GIL_NOT_USED} entry, so a free-threaded Python re-enables the GIL when it imports the module ({{parts}})',
    noSlots:
      'module "{{module}}" does not declare free-threading support: PyModuleDef {{def}} has no m_slots, so a free-threaded Python re-enables the GIL when it imports the module ({{parts}})',
    compiledOut:
      'module "{{module}}" does not declare free-threading support: this Py_mod_gil entry is compiled out in the free-threaded build (guard: {{guard}}) ({{parts}})',
  },
  scope: 'project',
  check(project, context) {
    for (const module of project.modules) check(module, context);
  },
});
