import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, DEFAULT_BUILDS, FREE_THREADED } from '../src/facts/guards.js';
import type { Guard, Range } from '../src/facts/types.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'removed';

/** Calls that detach or attach the thread state (their partners follow them in or out), needed by the free-threaded build too. */
const THREAD_STATE_CALLS = new Set(['PyEval_SaveThread', 'PyGILState_Ensure']);

/** Compiled in the regular build but not in the free-threaded one: `#ifndef Py_GIL_DISABLED`. */
function onlyWithGil(guard: Guard): boolean {
  return compiledInAny(guard, FREE_THREADED) === false && compiledInAny(guard, DEFAULT_BUILDS) !== false;
}

export default defineRule<MessageId>({
  id: 'thread-state-compiled-out',
  category: 'thread-state',
  severity: 'warning',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#thread-state-and-gil-apis`,
  references: ['https://docs.python.org/3.14/c-api/init.html#c.Py_BEGIN_ALLOW_THREADS'],
  replacement: 'keep Py_BEGIN_ALLOW_THREADS, PyEval_SaveThread and PyGILState_Ensure in every build',
  since: 'all versions',
  compat: 'not applicable',
  verified: 'Doc/howto/free-threading-extensions.rst (3.14), Thread State and GIL APIs: these functions are still needed in the free-threaded build',
  docs: {
    what: 'Finds Py_BEGIN_ALLOW_THREADS/Py_END_ALLOW_THREADS, PyEval_SaveThread/RestoreThread and PyGILState_Ensure/Release left out of the free-threaded build (under #ifndef Py_GIL_DISABLED).',
    why:
      'Without the GIL these calls still attach and detach the thread state. A thread that never detaches around blocking I/O holds up stop-the-world ' +
      'operations such as the garbage collector for every thread; a foreign thread that skips PyGILState_Ensure has no thread state at all.',
    example: [
      '#include <Python.h>',
      '#include <unistd.h>',
      '',
      'static PyObject *',
      'nap(PyObject *self, PyObject *unused)',
      '{',
      '#ifndef Py_GIL_DISABLED',
      '    Py_BEGIN_ALLOW_THREADS',
      '#endif',
      '    sleep(1);',
      '#ifndef Py_GIL_DISABLED',
      '    Py_END_ALLOW_THREADS',
      '#endif',
      '    Py_RETURN_NONE;',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '#include <unistd.h>',
      '',
      'static PyObject *',
      'nap(PyObject *self, PyObject *unused)',
      '{',
      '    Py_BEGIN_ALLOW_THREADS',
      '    sleep(1);',
      '    Py_END_ALLOW_THREADS',
      '    Py_RETURN_NONE;',
      '}',
    ].join('\n'),
  },
  messages: {
    removed:
      '{{name}} is compiled only when the GIL exists: the free-threaded build still needs it to attach and detach the thread state (a thread that stays attached through blocking work stalls the garbage collector for everyone)',
  },
  scope: 'file',
  check(facts, context) {
    const report = (name: string, range: Range) =>
      context.report({ messageId: 'removed', data: { name }, file: facts.file, range, fix: `Keep ${name} outside the #ifndef Py_GIL_DISABLED block.` });
    for (const macro of facts.blockMacros) {
      if (macro.family === 'allow-threads' && macro.role === 'begin' && onlyWithGil(macro.guard)) report(macro.name, macro.range);
    }
    for (const call of facts.calls) {
      if (THREAD_STATE_CALLS.has(call.callee) && onlyWithGil(call.guard)) report(call.callee, call.range);
    }
  },
});
