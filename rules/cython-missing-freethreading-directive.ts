import { defineRule } from '../src/engine/rule.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'missing';

export default defineRule<MessageId>({
  id: 'cython-missing-freethreading-directive',
  category: 'module-declaration',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#module-initialization`,
  references: ['https://cython.readthedocs.io/en/latest/src/userguide/freethreading.html', 'https://py-free-threading.github.io/porting-extensions/#cython'],
  replacement: 'the compiler directive freethreading_compatible=True (in the module header, or for every module in the build file)',
  since: 'Cython 3.1',
  compat: 'not applicable: older Cython versions ignore the directive with a warning',
  verified: 'Cython 3.1 Cython/Compiler/Options.py (directive freethreading_compatible, default False) and Doc/howto/free-threading-extensions.rst of CPython 3.14',
  docs: {
    what: 'Finds Cython modules (.pyx) that do not set the freethreading_compatible directive, neither in their header comments nor in the build file that compiles them.',
    why:
      'Cython writes the Py_mod_gil slot of the module it generates from the freethreading_compatible directive. Without it the module ' +
      'declares Py_MOD_GIL_USED, so a free-threaded interpreter (python3.14t) turns the GIL back on for the whole process on import. ' +
      'Set the directive once the module is safe without the GIL.',
    exampleFile: 'example.pyx',
    example: ['# cython: language_level=3', '', 'def add(int a, int b):', '    return a + b'].join('\n'),
    useInstead: ['# cython: language_level=3, freethreading_compatible=True', '', 'def add(int a, int b):', '    return a + b'].join('\n'),
    knownProblems: 'A directive passed only on the command line (cython -X freethreading_compatible=True) or built in Python code is not seen.',
  },
  messages: {
    missing:
      'Cython module "{{module}}" does not set freethreading_compatible=True: the module Cython generates declares Py_MOD_GIL_USED, ' +
      'so a free-threaded Python re-enables the GIL when it imports it',
  },
  scope: 'project',
  check(project, context) {
    for (const module of project.bindings) {
      if (module.framework !== 'cython' || module.declared !== 'no') continue;
      context.report({
        messageId: 'missing',
        data: { module: module.name },
        file: module.file,
        range: module.range,
        fix: 'Add to the header comments, before any code:\n# cython: freethreading_compatible=True\nor set it for every module: cythonize(..., compiler_directives={"freethreading_compatible": True})',
      });
    }
  },
});
