import { defineRule } from '../src/engine/rule.js';
import { compiledInAny, FREE_THREADED } from '../src/facts/guards.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'exit';

export default defineRule<MessageId>({
  id: 'critical-section-exit',
  category: 'critical-section',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#critical-sections`,
  references: ['https://docs.python.org/3.14/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION'],
  replacement: 'leave the section through its Py_END_CRITICAL_SECTION: set a result and `goto` a label placed before the END',
  since: '3.13',
  compat: 'not applicable',
  verified: 'Include/cpython/critical_section.h at v3.13.0: the lock is released only by the END macro',
  docs: {
    what: 'Finds return, goto, break and continue statements that jump out of a Py_BEGIN_CRITICAL_SECTION block without passing its END.',
    why:
      'The lock a critical section takes is released only by Py_END_CRITICAL_SECTION. A jump past it leaves the object locked: the next ' +
      'thread that touches the object blocks for ever. In the regular build the macros do nothing, so the bug only shows on python3.14t.',
    example: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'first_key(PyObject *self, PyObject *dict)',
      '{',
      '    Py_ssize_t pos = 0;',
      '    PyObject *key, *value, *result = NULL;',
      '    Py_BEGIN_CRITICAL_SECTION(dict);',
      '    if (!PyDict_Next(dict, &pos, &key, &value)) {',
      '        return NULL;',
      '    }',
      '    result = Py_NewRef(key);',
      '    Py_END_CRITICAL_SECTION();',
      '    return result;',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static PyObject *',
      'first_key(PyObject *self, PyObject *dict)',
      '{',
      '    Py_ssize_t pos = 0;',
      '    PyObject *key, *value, *result = NULL;',
      '    Py_BEGIN_CRITICAL_SECTION(dict);',
      '    if (PyDict_Next(dict, &pos, &key, &value)) {',
      '        result = Py_NewRef(key);',
      '    }',
      '    Py_END_CRITICAL_SECTION();',
      '    return result;',
      '}',
    ].join('\n'),
  },
  messages: {
    exit: '{{statement}} leaves the critical section on `{{object}}` without Py_END_CRITICAL_SECTION: the lock is never released and the next thread that locks `{{object}}` waits for ever',
  },
  scope: 'file',
  check(facts, context) {
    for (const exit of facts.sectionExits) {
      if (compiledInAny(exit.guard, FREE_THREADED) === false) continue;
      context.report({
        messageId: 'exit',
        data: { statement: exit.statement, object: exit.objects.join('`, `') },
        file: facts.file,
        range: exit.range,
        fix: `Keep the result in a variable and jump to a label just before Py_END_CRITICAL_SECTION():\n    result = NULL;\n    goto unlock;\n    ...\nunlock:\n    Py_END_CRITICAL_SECTION();`,
      });
    }
  },
});
