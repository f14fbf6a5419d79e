import { defineRule } from '../src/engine/rule.js';
import { buildsOf, compiledInAny, FREE_THREADED, ownMacrosCanExclude } from '../src/facts/guards.js';

/** Every 3.x build this file may be compiled for, regular and free-threaded; Py_LIMITED_API is defined in each. */
const ANY_BUILD = [9, 10, 11, 12, 13, 14].flatMap((minor) => buildsOf(3, minor)).map((s) => ({ ...s, macros: new Map([...s.macros, ['Py_LIMITED_API', 0x030a0000]]) }));
import { HOWTO } from './support/module-parts.js';

type MessageId = 'defined' | 'sequenceFast';

const SEQUENCE_FAST = new Set(['PySequence_Fast_GET_SIZE', 'PySequence_Fast_GET_ITEM', 'PySequence_Fast_ITEMS']);

export default defineRule<MessageId>({
  id: 'limited-api-free-threaded',
  category: 'limited-api',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#limited-c-api-and-stable-abi`,
  references: ['https://docs.python.org/3.14/c-api/stable.html#limited-c-api', 'https://docs.python.org/3.14/whatsnew/3.14.html'],
  replacement: 'define Py_LIMITED_API only for regular builds (#ifndef Py_GIL_DISABLED); build the free-threaded wheel without the limited API',
  since: '3.13',
  compat: 'not applicable',
  verified:
    'CPython 3.13.0 Include/Python.h lines 50-51: `#if defined(Py_LIMITED_API) && defined(Py_GIL_DISABLED)` / `#error "The limited API is not currently supported in the free-threaded build"` (unchanged in 3.14); whatsnew 3.14: PySequence_Fast_GET_SIZE/GET_ITEM/ITEMS removed from the limited API',
  docs: {
    what: 'Finds `#define Py_LIMITED_API` compiled in the free-threaded build, and PySequence_Fast_* macros used under the limited API.',
    why:
      'Python.h of the free-threaded 3.13 and 3.14 builds stops with `#error "The limited API is not currently supported in the free-threaded build"` ' +
      'when Py_LIMITED_API is defined, so the extension cannot be built for python3.14t at all. Keep abi3 wheels for the regular build and build the ' +
      'free-threaded wheel without the limited API. The PySequence_Fast_* macros were removed from the limited API in 3.14: they never worked there.',
    example: ['#define Py_LIMITED_API 0x030A0000', '#include <Python.h>', '', 'static int answer(void) { return 42; }'].join('\n'),
    useInstead: [
      '#ifndef Py_GIL_DISABLED',
      '#define Py_LIMITED_API 0x030A0000',
      '#endif',
      '#include <Python.h>',
      '',
      'static int answer(void) { return 42; }',
    ].join('\n'),
    knownProblems:
      'Py_LIMITED_API set by the build (-DPy_LIMITED_API, py_limited_api=True in setup.py) is not seen: only sources are read. ' +
      'A define under a guard on a macro of the project\'s own (`#if !defined(MY_NO_LIMITED_API)`) is trusted when some setting of that macro leaves it out: the build is taken to set it for free-threaded builds.',
  },
  messages: {
    defined:
      'Py_LIMITED_API is defined for the free-threaded build too: its Python.h stops with "The limited API is not currently supported in the free-threaded build", so no python3.14t wheel can be built',
    sequenceFast: '{{api}} is used under the limited API (Py_LIMITED_API is defined on line {{line}}), from which 3.14 removed it: use PySequence_Size and PySequence_GetItem, or PySequence_Tuple',
  },
  scope: 'file',
  check(facts, context) {
    const defines = facts.defines.filter((d) => d.name === 'Py_LIMITED_API');
    for (const define of defines) {
      if (compiledInAny(define.guard, FREE_THREADED) === false || ownMacrosCanExclude(define.guard, FREE_THREADED)) continue;
      context.report({
        messageId: 'defined',
        data: {},
        file: facts.file,
        range: define.range,
        fix: `Define it only for the regular build:\n#ifndef Py_GIL_DISABLED\n#define Py_LIMITED_API ${define.body}\n#endif\n(with setuptools: py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED"))`,
      });
    }
    // The macros matter only in a build where the limited API is on: the call and the define compiled together.
    const limited = defines.find((d) => compiledInAny(d.guard, ANY_BUILD) !== false);
    if (limited === undefined) return;
    for (const call of facts.calls) {
      if (!SEQUENCE_FAST.has(call.callee) || call.range.startLine < limited.range.startLine) continue;
      const together = [...limited.guard, ...call.guard, 'defined(Py_LIMITED_API)'];
      if (compiledInAny(together, ANY_BUILD) === false) continue;
      context.report({
        messageId: 'sequenceFast',
        data: { api: call.callee, line: String(limited.range.startLine) },
        file: facts.file,
        range: call.range,
      });
    }
  },
});
