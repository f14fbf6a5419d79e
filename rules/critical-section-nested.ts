import { defineRule } from '../src/engine/rule.js';
import { sameObject } from '../src/facts/origins.js';
import { HOWTO } from './support/module-parts.js';
import { withOpenSections } from './support/sections.js';

type MessageId = 'nested' | 'detach';

export default defineRule<MessageId>({
  id: 'critical-section-nested',
  category: 'critical-section',
  severity: 'warning',
  precision: 'medium',
  status: 'stable',
  guide: `${HOWTO}#critical-sections`,
  references: ['https://docs.python.org/3.14/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION2'],
  replacement: 'Py_BEGIN_CRITICAL_SECTION2(a, b) to lock two objects together',
  since: '3.13',
  compat: 'yes: pythoncapi_compat.h defines the critical-section macros as no-ops before 3.13',
  verified: 'Doc/howto/free-threading-extensions.rst (3.14), Critical Sections: "How Critical Sections Work" and "Deadlock Avoidance"',
  docs: {
    what:
      'Finds a critical section opened inside another one on a different object (use Py_BEGIN_CRITICAL_SECTION2), and Py_BEGIN_ALLOW_THREADS inside a critical section.',
    why:
      'Critical sections avoid deadlocks by suspending the outer section when a thread blocks in an inner one: while the inner lock is awaited, ' +
      'the outer object is unlocked and may change. To hold two objects at once, lock both with Py_BEGIN_CRITICAL_SECTION2. ' +
      'Detaching the thread state (Py_BEGIN_ALLOW_THREADS) suspends the section too, so anything read before it must be checked again after.',
    example: [
      '#include <Python.h>',
      '',
      'static int',
      'move_all(PyObject *src, PyObject *dst)',
      '{',
      '    int rc = 0;',
      '    Py_BEGIN_CRITICAL_SECTION(src);',
      '    Py_BEGIN_CRITICAL_SECTION(dst);',
      '    rc = PyDict_Update(dst, src);',
      '    Py_END_CRITICAL_SECTION();',
      '    Py_END_CRITICAL_SECTION();',
      '    return rc;',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static int',
      'move_all(PyObject *src, PyObject *dst)',
      '{',
      '    int rc = 0;',
      '    Py_BEGIN_CRITICAL_SECTION2(src, dst);',
      '    rc = PyDict_Update(dst, src);',
      '    Py_END_CRITICAL_SECTION2();',
      '    return rc;',
      '}',
    ].join('\n'),
  },
  messages: {
    nested:
      'critical section on `{{inner}}` opened inside the one on `{{outer}}` (line {{line}}): if it has to wait, the section on `{{outer}}` is suspended and `{{outer}}` can change; lock both with Py_BEGIN_CRITICAL_SECTION2({{outer}}, {{inner}})',
    detach:
      'Py_BEGIN_ALLOW_THREADS inside the critical section on `{{outer}}` (line {{line}}) suspends it: `{{outer}}` can change while the thread is detached, so check again anything read from it before',
  },
  scope: 'file',
  check(facts, context) {
    for (const { macro, open } of withOpenSections(facts)) {
      if (macro.role !== 'begin') continue;
      const outer = [...open].reverse().find((m) => m.family === 'critical-section');
      if (outer === undefined) continue;
      const data = { outer: outer.objects.join(', '), line: String(outer.range.startLine), inner: macro.objects.join(', ') };
      if (macro.family === 'allow-threads') {
        context.report({ messageId: 'detach', data, file: facts.file, range: macro.range });
      } else if (macro.objects.some((o) => !outer.objects.some((held) => sameObject(held) === sameObject(o)))) {
        context.report({
          messageId: 'nested',
          data,
          file: facts.file,
          range: macro.range,
          fix: `Py_BEGIN_CRITICAL_SECTION2(${outer.objects[0]}, ${macro.objects[0]});\n...\nPy_END_CRITICAL_SECTION2();`,
        });
      }
    }
  },
});
