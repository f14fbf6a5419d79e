import { defineRule } from '../src/engine/rule.js';
import { HOWTO } from './support/module-parts.js';
import { CLOSES, imbalances } from './support/sections.js';

type MessageId = 'unclosed' | 'unopened' | 'mismatched';

export default defineRule<MessageId>({
  id: 'critical-section-unbalanced',
  category: 'critical-section',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#critical-sections`,
  references: ['https://docs.python.org/3.14/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION'],
  replacement: 'one END of the matching kind for every BEGIN, in the same block, in every build',
  since: '3.13',
  compat: 'yes: pythoncapi_compat.h defines the critical-section macros as no-ops before 3.13',
  verified: 'Doc/c-api/init.rst (critical-section API) and Include/cpython/critical_section.h at v3.13.0: BEGIN opens a C block that END closes',
  docs: {
    what:
      'Finds Py_BEGIN_CRITICAL_SECTION / Py_BEGIN_ALLOW_THREADS without a matching END in the same function, an END without a BEGIN, and mismatched pairs (BEGIN_CRITICAL_SECTION2 closed by END_CRITICAL_SECTION), in the free-threaded and in the regular build.',
    why:
      'Each BEGIN macro opens a C block and declares the state its END uses, so the pair must match in kind and sit in the same block. ' +
      'A pair split by #ifdef Py_GIL_DISABLED compiles in one build and breaks the other; a mismatched pair releases the wrong lock.',
    example: [
      '#include <Python.h>',
      '',
      'static void',
      'swap_first(PyObject *a, PyObject *b)',
      '{',
      '    Py_BEGIN_CRITICAL_SECTION2(a, b);',
      '    /* ... */',
      '    Py_END_CRITICAL_SECTION();',
      '}',
    ].join('\n'),
    useInstead: [
      '#include <Python.h>',
      '',
      'static void',
      'swap_first(PyObject *a, PyObject *b)',
      '{',
      '    Py_BEGIN_CRITICAL_SECTION2(a, b);',
      '    /* ... */',
      '    Py_END_CRITICAL_SECTION2();',
      '}',
    ].join('\n'),
  },
  messages: {
    unclosed: '{{name}} has no matching {{end}} in {{function}}() in the {{build}}: the block it opens is never closed',
    unopened: '{{name}} closes no open {{family}} in {{function}}() in the {{build}}',
    mismatched: '{{name}} closes {{begin}} (line {{line}}), which must be closed by {{end}}',
  },
  scope: 'file',
  check(facts, context) {
    for (const imbalance of imbalances(facts)) {
      const build = imbalance.scenario.name;
      if (imbalance.kind === 'mismatched') {
        const { begin, end } = imbalance;
        context.report({
          messageId: 'mismatched',
          data: { name: end.name, begin: begin.name, end: CLOSES[begin.name] ?? '?', line: String(begin.range.startLine) },
          file: facts.file,
          range: end.range,
          fix: `Close ${begin.name} with ${CLOSES[begin.name]}().`,
          related: [{ file: facts.file, range: begin.range, message: begin.name }],
        });
      } else if (imbalance.kind === 'unclosed') {
        const { begin } = imbalance;
        context.report({
          messageId: 'unclosed',
          data: { name: begin.name, end: CLOSES[begin.name] ?? '?', function: begin.inFunction ?? '?', build },
          file: facts.file,
          range: begin.range,
          fix: `Add ${CLOSES[begin.name]}() at the end of the block, under the same preprocessor conditions as ${begin.name}.`,
        });
      } else {
        const { end } = imbalance;
        context.report({
          messageId: 'unopened',
          data: { name: end.name, family: end.family === 'critical-section' ? 'critical section' : 'Py_BEGIN_ALLOW_THREADS block', function: end.inFunction ?? '?', build },
          file: facts.file,
          range: end.range,
          fix: `Remove ${end.name}, or put it under the same preprocessor conditions as its BEGIN.`,
        });
      }
    }
  },
});
