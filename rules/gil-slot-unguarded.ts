import { defineRule } from '../src/engine/rule.js';
import { compiledIn, DEFAULT_BUILDS, pythonsBefore313, type Scenario } from '../src/facts/guards.js';
import { formatPythonVersion } from '../src/python-version.js';
import { multiPhaseModule } from './support/examples.js';
import { HOWTO, MODULE_API, supportsPythonBefore313 } from './support/module-parts.js';

type MessageId = 'slot' | 'slotAssumedMin' | 'setGil' | 'setGilMacro';

/** The first scenario in which code under the guard is certainly compiled. */
function compiledFor(guard: string[], scenarios: readonly Scenario[]): Scenario | undefined {
  return scenarios.find((s) => compiledIn(guard, s) === true);
}

export default defineRule<MessageId>({
  id: 'gil-slot-unguarded',
  category: 'module-declaration',
  severity: 'warning',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#multi-phase-initialization`,
  references: [`${MODULE_API}#c.Py_mod_gil`, `${MODULE_API}#c.PyUnstable_Module_SetGIL`],
  replacement: '#ifdef Py_mod_gil around the slot entry; #ifdef Py_GIL_DISABLED around PyUnstable_Module_SetGIL',
  since: '3.13',
  compat: 'not applicable',
  verified: 'CPython Include/moduleobject.h at v3.13.0 and v3.14.0 (Py_mod_gil defined from 3.13; PyUnstable_Module_SetGIL declared only under Py_GIL_DISABLED)',
  docs: {
    what:
      'Finds a Py_mod_gil slot entry compiled for Pythons older than 3.13 that the project still supports, and PyUnstable_Module_SetGIL calls compiled in regular (non-free-threaded) builds.',
    why:
      'Py_mod_gil and Py_MOD_GIL_NOT_USED do not exist before Python 3.13, so an unguarded entry breaks the build on every older Python the ' +
      'project supports (the minimum comes from --min-python, else pyproject.toml requires-python, else python_requires in setup.cfg or setup.py, else 3.9). PyUnstable_Module_SetGIL is ' +
      'declared only in free-threaded builds, so an unguarded call breaks the regular build of every version.',
    example: multiPhaseModule(['    {Py_mod_gil, Py_MOD_GIL_NOT_USED},']),
    useInstead: multiPhaseModule(),
    knownProblems: 'A guard on a project macro (`#ifdef MYLIB_HAVE_FT`) cannot be evaluated and is trusted.',
  },
  messages: {
    slot: 'Py_mod_gil is not defined before Python 3.13, but this entry is compiled for {{python}} and the project supports Python {{minPython}} and later: the build breaks there',
    slotAssumedMin:
      'Py_mod_gil is not defined before Python 3.13, but this entry is compiled for {{python}}, where the build breaks if the project still supports it (no requires-python found; assuming {{minPython}}, set requires-python or --min-python)',
    setGil: 'PyUnstable_Module_SetGIL is declared only in free-threaded builds, but this call is also compiled in the {{python}}: the build breaks there',
    setGilMacro:
      'the macro {{macro}} calls PyUnstable_Module_SetGIL, which is declared only in free-threaded builds, but it is also defined for the {{python}}: the build breaks where it is used',
  },
  scope: 'project',
  check(project, context) {
    const { minPython } = context.options;
    if (supportsPythonBefore313(minPython)) {
      const oldPythons = pythonsBefore313(minPython.major < 3 ? 0 : minPython.minor);
      for (const module of project.modules) {
        for (const slot of module.gilSlots) {
          const scenario = compiledFor(slot.guard, oldPythons);
          if (scenario === undefined) continue;
          const entry = `{Py_mod_gil, ${slot.valueMacro ?? slot.value}},`;
          const fix = slot.viaMacro
            ? `Define ${slot.viaMacro} empty where Py_mod_gil does not exist:\n#ifdef Py_mod_gil\n#define ${slot.viaMacro} ${entry}\n#else\n#define ${slot.viaMacro}\n#endif`
            : `Put the entry under a guard:\n#ifdef Py_mod_gil\n    ${entry}\n#endif`;
          context.report({
            // A minimum nobody stated is an assumption: the message must not present it as the project's.
            messageId: minPython.assumed ? 'slotAssumedMin' : 'slot',
            data: { python: scenario.name, minPython: formatPythonVersion(minPython) },
            file: slot.file,
            range: slot.range,
            fix,
          });
        }
      }
    }
    // A project that defines PyUnstable_Module_SetGIL itself (a no-op for regular builds) can call it anywhere.
    if (project.files.some((f) => f.defines.some((d) => d.name === 'PyUnstable_Module_SetGIL'))) return;
    for (const facts of project.files) {
      for (const define of facts.defines) {
        if (!define.calls.includes('PyUnstable_Module_SetGIL')) continue;
        const scenario = compiledFor(define.guard, DEFAULT_BUILDS);
        if (scenario === undefined) continue;
        context.report({
          messageId: 'setGilMacro',
          data: { python: scenario.name, macro: define.name },
          file: facts.file,
          range: define.range,
          fix: `Define ${define.name} to call it only in free-threaded builds:\n#ifdef Py_GIL_DISABLED\n#define ${define.name}${define.params ? `(${define.params.join(', ')})` : ''} ${define.body}\n#else\n#define ${define.name}${define.params ? `(${define.params.join(', ')})` : ''} 0\n#endif`,
        });
      }
      for (const call of facts.calls) {
        if (call.callee !== 'PyUnstable_Module_SetGIL') continue;
        const scenario = compiledFor(call.guard, DEFAULT_BUILDS);
        if (scenario === undefined) continue;
        context.report({
          messageId: 'setGil',
          data: { python: scenario.name },
          file: facts.file,
          range: call.range,
          fix: `Compile the call only in free-threaded builds:\n#ifdef Py_GIL_DISABLED\n    ${call.callee}(${call.args.join(', ')});\n#endif`,
        });
      }
    }
  },
});
