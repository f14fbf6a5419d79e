import { defineRule } from '../src/engine/rule.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'build';

export default defineRule<MessageId>({
  id: 'limited-api-build',
  category: 'limited-api',
  severity: 'error',
  precision: 'medium',
  status: 'stable',
  guide: `${HOWTO}#limited-c-api-and-stable-abi`,
  references: ['https://docs.python.org/3.14/c-api/stable.html#limited-c-api'],
  replacement: 'switch the limited API off for free-threaded builds: py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED")',
  since: '3.13',
  compat: 'not applicable',
  verified:
    'CPython 3.13.0 Include/Python.h lines 50-51 (#error for Py_LIMITED_API with Py_GIL_DISABLED, unchanged in 3.14); Doc/howto/free-threading-extensions.rst, Limited C API and Stable ABI',
  docs: {
    what:
      'Finds build settings that turn the limited API on for every build: py_limited_api=True in setup.py, py_limited_api in setup.cfg, py-limited-api / limited-api in pyproject.toml, limited_api: in meson.build (scikit-build-core\'s wheel.py-api is not: it skips the stable ABI for free-threaded builds).',
    why:
      'The free-threaded builds of 3.13 and 3.14 refuse the limited API (Python.h stops with an #error), so an unconditional abi3 setting makes a ' +
      'cp314t wheel impossible. Keep abi3 for regular builds and switch it off when the interpreter is free-threaded; a setting written as an ' +
      'expression (py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED")) is taken to do that.',
    exampleFile: 'setup.py',
    example: ['from setuptools import Extension, setup', '', 'setup(ext_modules=[Extension("example", ["example.c"], py_limited_api=True)])'].join('\n'),
    useInstead: [
      'import sysconfig',
      '',
      'from setuptools import Extension, setup',
      '',
      'setup(ext_modules=[Extension("example", ["example.c"], py_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED"))])',
    ].join('\n'),
    knownProblems: 'Files are read as text: a setting built in Python code (a variable, a helper) is taken as conditional and not reported.',
  },
  messages: {
    build: '`{{text}}` turns the limited API on for every build, but the free-threaded build refuses it: no cp314t wheel can be built',
  },
  scope: 'project',
  check(project, context) {
    for (const build of project.buildFiles) {
      for (const setting of build.limitedApi) {
        if (setting.conditional) continue;
        context.report({
          messageId: 'build',
          data: { text: setting.text },
          file: build.file,
          range: setting.range,
          fix: build.file.endsWith('setup.py')
            ? 'import sysconfig\n...\npy_limited_api=not sysconfig.get_config_var("Py_GIL_DISABLED"),'
            : 'Set it only for regular builds (for cibuildwheel, override it for the cp3*t identifiers), or drop it for free-threaded wheels.',
        });
      }
    }
  },
});
