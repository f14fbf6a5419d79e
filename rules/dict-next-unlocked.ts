import { defineRule, type RuleContext } from '../src/engine/rule.js';
import type { CallFact, FileFacts } from '../src/facts/types.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import { isLifecycleFunction, lockedByEveryCaller, originOf, sameObject } from '../src/facts/origins.js';
import { HOWTO } from './support/module-parts.js';
import { whyShared } from './support/origin-text.js';

type MessageId = 'unlocked';

export default defineRule<MessageId>({
  id: 'dict-next-unlocked',
  category: 'critical-section',
  severity: 'warning',
  precision: 'medium',
  status: 'stable',
  guide: `${HOWTO}#pydict-next`,
  references: ['https://docs.python.org/3.14/c-api/dict.html#c.PyDict_Next', `${HOWTO}#critical-sections`],
  replacement: 'Py_BEGIN_CRITICAL_SECTION(dict) around the whole PyDict_Next loop',
  since: '3.13',
  compat: 'yes: pythoncapi_compat.h defines the critical-section macros as no-ops before 3.13',
  verified: 'Doc/howto/free-threading-extensions.rst (3.14), section PyDict_Next; Doc/c-api/dict.rst',
  docs: {
    what: 'Finds PyDict_Next loops over a dict other threads may share that are not inside Py_BEGIN_CRITICAL_SECTION on that dict.',
    why:
      'PyDict_Next does not lock the dict and hands out borrowed keys and values. Without the GIL another thread can insert or delete ' +
      'while the loop runs, so the loop can skip or repeat entries and use keys and values that have been freed. The HOWTO asks for the ' +
      'whole loop to sit in a critical section on the dict. Dicts the function created and has not passed on, and keyword-arguments dicts, are not reported.',
    example: [
      '#include <Python.h>',
      '',
      'static Py_ssize_t',
      'count_none(PyObject *mapping)',
      '{',
      '    Py_ssize_t pos = 0, n = 0;',
      '    PyObject *key, *value;',
      '    while (PyDict_Next(mapping, &pos, &key, &value)) {',
      '        n += value == Py_None;',
      '    }',
      '    return n;',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static Py_ssize_t',
      'count_none(PyObject *mapping)',
      '{',
      '    Py_ssize_t pos = 0, n = 0;',
      '    PyObject *key, *value;',
      '    Py_BEGIN_CRITICAL_SECTION(mapping);',
      '    while (PyDict_Next(mapping, &pos, &key, &value)) {',
      '        n += value == Py_None;',
      '    }',
      '    Py_END_CRITICAL_SECTION();',
      '    return n;',
      '}',
    ].join('\n'),
    knownProblems: 'A lock of the project\'s own (a PyMutex held around the loop) is not recognised.',
  },
  messages: {
    unlocked:
      'PyDict_Next{{via}} iterates {{why}}, without a critical section: without the GIL another thread can change the dict during the loop, and the borrowed keys and values can be freed; lock it with Py_BEGIN_CRITICAL_SECTION({{dict}})',
  },
  scope: 'project',
  check(project, context) {
    for (const facts of project.files) {
      for (const call of [...facts.calls, ...project.macroCalls(facts, DICT_NEXT)]) checkCall(call, facts, context);
    }
  },
});

const DICT_NEXT: ReadonlySet<string> = new Set(['PyDict_Next']);

function checkCall(call: CallFact, facts: FileFacts, context: RuleContext<MessageId>): void {
  if (call.callee !== 'PyDict_Next' || compiledInAny(call.guard, FREE_THREADED_RELEASE) === false) return;
  const dict = call.args[0] ?? '';
  if (call.criticalSections.some((o) => sameObject(o) === sameObject(dict)) || isLifecycleFunction(call.inFunction, facts)) return;
  const origin = originOf(dict, call, facts);
  if (origin.kind === 'fresh' || origin.kind === 'keyword-arguments') return;
  if (origin.kind === 'parameter' && lockedByEveryCaller(call.inFunction, origin.name, facts)) return;
  context.report({
    messageId: 'unlocked',
    data: { dict, why: whyShared(origin, call.inFunction), via: call.viaMacro ? ` (through the macro ${call.viaMacro})` : '' },
    file: facts.file,
    range: call.range,
    fix: `Py_BEGIN_CRITICAL_SECTION(${dict});\n/* the whole PyDict_Next loop; Py_NewRef any key or value used after the section */\nPy_END_CRITICAL_SECTION();`,
  });
}
