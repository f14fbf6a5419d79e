import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED } from '../src/facts/guards.js';
import { declarationOf, gilValue, slotInFreeThreaded } from '../src/facts/modules.js';
import { multiPhaseModule } from './support/examples.js';
import { HOWTO, MODULE_API } from './support/module-parts.js';

type MessageId = 'slot' | 'slotMacro' | 'call' | 'binding';

const FRAMEWORK = { cython: 'Cython', pybind11: 'pybind11', nanobind: 'nanobind' } as const;

const KEEPS_GIL =
  'on a free-threaded Python (python3.14t) importing it turns the GIL back on for the whole process, so no thread of the program runs in parallel';

export default defineRule<MessageId>({
  id: 'module-gil-used',
  category: 'module-declaration',
  severity: 'note',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#module-initialization`,
  references: [`${MODULE_API}#c.Py_MOD_GIL_USED`],
  replacement: 'Py_MOD_GIL_NOT_USED, once the module is safe without the GIL',
  since: '3.13',
  compat: 'not applicable',
  verified: 'CPython Include/moduleobject.h and Doc/c-api/module.rst at v3.13.0 and v3.14.0',
  docs: {
    what:
      'Finds modules that explicitly declare Py_MOD_GIL_USED, in the Py_mod_gil slot or through PyUnstable_Module_SetGIL, and binding modules that ' +
      'keep the GIL on purpose (py::mod_gil_not_used(false), freethreading_compatible=False).',
    why:
      'Declaring Py_MOD_GIL_USED is a deliberate choice to keep the GIL: users of the free-threaded build get a RuntimeWarning on import and ' +
      'lose all parallelism while the module is loaded (unless they force PYTHON_GIL=0, at their own risk). This note keeps the choice visible ' +
      'until the module is made thread-safe.',
    example: multiPhaseModule(['#ifdef Py_mod_gil', '    {Py_mod_gil, Py_MOD_GIL_USED},', '#endif']),
    useInstead: multiPhaseModule(),
  },
  messages: {
    slot: 'module "{{module}}" declares Py_MOD_GIL_USED: it keeps the GIL; ' + KEEPS_GIL,
    slotMacro: 'module "{{module}}" declares Py_MOD_GIL_USED through the macro {{macro}}: it keeps the GIL; ' + KEEPS_GIL,
    call: 'module "{{module}}" calls PyUnstable_Module_SetGIL with Py_MOD_GIL_USED: it keeps the GIL; ' + KEEPS_GIL,
    binding: '{{framework}} module "{{module}}" sets `{{setting}}`: it keeps the GIL; ' + KEEPS_GIL,
  },
  scope: 'project',
  check(project, context) {
    for (const module of project.bindings) {
      if (module.declared !== 'keeps-gil' || module.evidence === null) continue;
      const { file, range, text } = module.evidence;
      context.report({ messageId: 'binding', data: { framework: FRAMEWORK[module.framework], module: module.name, setting: text }, file, range });
    }
    for (const module of project.modules) {
      if (declarationOf(module) !== 'used') continue;
      for (const slot of module.gilSlots) {
        if (slot.value === 'Py_MOD_GIL_USED' && slotInFreeThreaded(slot)) {
          const data = { module: module.name, macro: slot.valueMacro ?? '' };
          context.report({ messageId: slot.valueMacro ? 'slotMacro' : 'slot', data, file: slot.file, range: slot.range });
        }
      }
      for (const call of module.setGilCalls) {
        if (gilValue(call.fact.args[1] ?? '') === 'Py_MOD_GIL_USED' && compiledInAny(call.fact.guard, FREE_THREADED) !== false) {
          context.report({ messageId: 'call', data: { module: module.name }, file: call.file, range: call.fact.range });
        }
      }
    }
  },
});
