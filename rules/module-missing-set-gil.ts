import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED } from '../src/facts/guards.js';
import { declarationOf } from '../src/facts/modules.js';
import { singlePhaseModule } from './support/examples.js';
import { describeParts, gilSlotLines, HOWTO, MODULE_API, relatedParts, setGilLines } from './support/module-parts.js';

type MessageId = 'missing' | 'compiledOut' | 'unreachable' | 'otherObject';

export default defineRule<MessageId>({
  id: 'module-missing-set-gil',
  category: 'module-declaration',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#single-phase-initialization`,
  references: [`${MODULE_API}#c.PyUnstable_Module_SetGIL`],
  replacement: 'PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED) under #ifdef Py_GIL_DISABLED, or multi-phase init with the Py_mod_gil slot',
  since: '3.13',
  compat: 'no: the function exists only in free-threaded builds, so guard the call with #ifdef Py_GIL_DISABLED',
  verified: 'CPython Include/moduleobject.h and Doc/howto/free-threading-extensions.rst at v3.13.0 and v3.14.0',
  docs: {
    what: 'Finds single-phase modules (PyInit_* returns the result of PyModule_Create) that never call PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED).',
    why:
      'A single-phase module declares that it can run without the GIL by calling PyUnstable_Module_SetGIL during init. Without the call, ' +
      'a free-threaded interpreter (python3.14t) re-enables the GIL for the whole process when it imports the module. ' +
      'Make the call only once the module is safe without the GIL.',
    example: singlePhaseModule(['    return PyModule_Create(&example_module);']),
    useInstead: singlePhaseModule([
      '    PyObject *m = PyModule_Create(&example_module);',
      '    if (m == NULL) {',
      '        return NULL;',
      '    }',
      '#ifdef Py_GIL_DISABLED',
      '    PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED);',
      '#endif',
      '    return m;',
    ]),
  },
  messages: {
    missing:
      'module "{{module}}" does not declare free-threading support: {{init}} creates it with {{create}} and never calls PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED), so a free-threaded Python re-enables the GIL when it imports the module ({{parts}})',
    compiledOut:
      'module "{{module}}" does not declare free-threading support: its PyUnstable_Module_SetGIL call (line {{line}}) is compiled out in the free-threaded build ({{parts}})',
    unreachable:
      'module "{{module}}" does not declare free-threading support: its PyUnstable_Module_SetGIL call (line {{line}}) comes after the return on line {{returnLine}}, so it never runs ({{parts}})',
    otherObject:
      'module "{{module}}" does not declare free-threading support: PyUnstable_Module_SetGIL (line {{line}}) is called on `{{target}}`, not on `{{variable}}`, the module {{init}} creates ({{parts}})',
  },
  scope: 'project',
  check(project, context) {
    for (const module of project.modules) {
      if (module.initStyle !== 'single-phase' || declarationOf(module) !== 'missing' || module.init === null) continue;
      const creation = module.creation;
      const create = creation?.fact.callee ?? 'PyModule_Create';
      const variable = creation?.fact.assignedTo ?? null;
      const defName = module.def?.fact.name ?? 'module_def';
      const addCall =
        variable !== null && creation !== null
          ? `After ${variable} = ${create}(…) (${creation.file}:${creation.fact.range.startLine}) and its NULL check, add:\n${setGilLines(variable)}`
          : `Keep the module in a variable and declare it before returning it:\n    PyObject *m = ${create}(&${defName});\n    if (m == NULL) {\n        return NULL;\n    }\n${setGilLines('m')}\n    return m;`;
      const multiPhase = `Or move to multi-phase init: return PyModuleDef_Init(&${defName}) and give ${defName} a slot array with\n${gilSlotLines(context.options.minPython)}`;
      const compiledOut = module.setGilCalls.find((c) => compiledInAny(c.fact.guard, FREE_THREADED) === false);
      const unreachable = module.unreachableSetGilCalls[0];
      const misdirected = module.misdirectedSetGilCalls[0];
      const messageId = compiledOut ? 'compiledOut' : unreachable ? 'unreachable' : misdirected ? 'otherObject' : 'missing';
      context.report({
        messageId,
        data: {
          module: module.name,
          init: module.init.fact.name,
          create,
          parts: describeParts(module, module.init.file),
          line: String((compiledOut ?? unreachable ?? misdirected)?.fact.range.startLine ?? ''),
          returnLine: String(unreachable?.afterReturn.startLine ?? ''),
          target: misdirected?.fact.args[0] ?? '',
          variable: variable ?? '',
        },
        file: module.init.file,
        range: module.init.fact.range,
        fix: `${addCall}\n${multiPhase}`,
        related: relatedParts(module),
      });
    }
  },
});
