import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../src/facts/guards.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'lock';

export default defineRule<MessageId>({
  id: 'pythread-lock',
  category: 'thread-state',
  severity: 'note',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#protecting-internal-extension-state`,
  references: ['https://docs.python.org/3.14/c-api/init.html#c.PyMutex'],
  replacement: 'PyMutex with PyMutex_Lock/PyMutex_Unlock',
  since: '3.13',
  compat: 'no: PyMutex exists from 3.13; keep PyThread locks under #if PY_VERSION_HEX < 0x030D0000',
  verified: 'Doc/c-api/init.rst (3.13+): PyMutex, a one-byte lock that needs no allocation and detaches the thread state while it waits',
  docs: {
    what: 'Finds PyThread_allocate_lock, the old heap-allocated lock, and suggests PyMutex.',
    why:
      'Free-threaded code takes locks far more often than code that relied on the GIL. PyMutex (3.13) takes one byte, needs no allocation or error ' +
      'handling, and detaches the thread state while it waits, so a thread blocked on it does not stall the garbage collector.',
    example: ['#include <Python.h>', '', 'static PyThread_type_lock lock;', '', 'static int', 'setup(void)', '{', '    lock = PyThread_allocate_lock();', '    return lock == NULL ? -1 : 0;', '}'].join('\n'),
    useInstead: ['#include <Python.h>', '', 'static PyMutex lock;', '', 'static int', 'setup(void)', '{', '    return 0;', '}'].join('\n'),
  },
  messages: {
    lock: 'PyThread_allocate_lock creates a heap lock: from Python 3.13 a PyMutex does the same in one byte, without allocation, and detaches while it waits',
  },
  scope: 'file',
  check(facts, context) {
    for (const call of facts.calls) {
      if (call.callee !== 'PyThread_allocate_lock' || compiledInAny(call.guard, FREE_THREADED_RELEASE) === false) continue;
      context.report({
        messageId: 'lock',
        data: {},
        file: facts.file,
        range: call.range,
        fix: 'static PyMutex lock;  /* zero-initialised: no allocation */\nPyMutex_Lock(&lock);\n...\nPyMutex_Unlock(&lock);',
      });
    }
  },
});
