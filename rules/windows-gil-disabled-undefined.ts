import { defineRule } from '../src/engine/rule.js';
import { covers } from '../src/facts/build-files.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'undefined';

/** Backends that define Py_GIL_DISABLED themselves for a free-threaded Windows interpreter. */
const DEFINING_BACKENDS = /^(?:setuptools\.build_meta|mesonpy)$/;

export default defineRule<MessageId>({
  id: 'windows-gil-disabled-undefined',
  category: 'packaging',
  severity: 'note',
  precision: 'medium',
  status: 'stable',
  guide: `${HOWTO}#windows`,
  references: ['https://scikit-build-core.readthedocs.io/en/latest/faqs.html', 'https://py-free-threading.github.io/porting/#windows'],
  replacement: 'target_compile_definitions(<target> PRIVATE Py_GIL_DISABLED=1) when building for a free-threaded Windows interpreter',
  since: '3.13',
  compat: 'not applicable',
  verified:
    'CPython PC/pyconfig.h.in (3.14: Py_GIL_DISABLED left for the builder to define) and PR #134211; Doc/howto/free-threading-extensions.rst, Windows; setuptools 75.7.0 and Meson 1.5.0 define it, scikit-build-core docs/guide/faqs.md says to set it, no Py_GIL_DISABLED in the pybind11 and nanobind CMake helpers',
  docs: {
    what:
      'Finds CMake targets that build extension modules (pybind11_add_module, nanobind_add_module, Python_add_library) in a CMakeLists.txt that never defines Py_GIL_DISABLED, unless the build backend (setuptools, meson-python) defines it.',
    why:
      'The Windows installer shares one pyconfig.h between the regular and the free-threaded build, so Py_GIL_DISABLED is not defined for extensions: built for ' +
      'python3.14t without it, a module gets the regular object layout and links python314.dll, and crashes on import. setuptools (75.7 and later) and Meson ' +
      '(1.5 and later) define it; plain CMake, scikit-build-core and the pybind11 and nanobind helpers do not.',
    exampleFile: 'CMakeLists.txt',
    example: ['find_package(Python COMPONENTS Interpreter Development.Module REQUIRED)', 'find_package(pybind11 CONFIG REQUIRED)', 'pybind11_add_module(example example.cpp)'].join('\n'),
    useInstead: [
      'find_package(Python COMPONENTS Interpreter Development.Module REQUIRED)',
      'find_package(pybind11 CONFIG REQUIRED)',
      'pybind11_add_module(example example.cpp)',
      'execute_process(COMMAND "${Python_EXECUTABLE}" -c',
      '  "import sysconfig; print(int(bool(sysconfig.get_config_var(\'Py_GIL_DISABLED\'))))"',
      '  OUTPUT_VARIABLE PY_GIL_DISABLED OUTPUT_STRIP_TRAILING_WHITESPACE)',
      'if(WIN32 AND PY_GIL_DISABLED)',
      '  target_compile_definitions(example PRIVATE Py_GIL_DISABLED=1)',
      'endif()',
    ].join('\n'),
    knownProblems: 'Whether the project builds Windows wheels at all is not read; a definition made in a CMake file the scan does not see (a toolchain file, a preset) is missed.',
  },
  messages: {
    undefined:
      '`{{command}}({{target}} …)` builds an extension module, but nothing here defines Py_GIL_DISABLED: on Windows a free-threaded build needs it from the build system, or the module crashes on import',
  },
  scope: 'project',
  check(project, context) {
    for (const build of project.buildFiles) {
      if (build.packaging.cmakeExtensions.length === 0) continue;
      // The project this CMakeLists.txt belongs to: the build files whose tree holds it.
      const around = project.buildFiles.filter((b) => covers(b.file, build.file) || covers(build.file, b.file));
      const backend = around.map((b) => b.packaging.buildBackend).find((b) => b !== null) ?? null;
      if (backend !== null && DEFINING_BACKENDS.test(backend)) continue;
      if (around.some((b) => b.packaging.mentionsGilDisabled)) continue;
      for (const target of build.packaging.cmakeExtensions) {
        context.report({
          messageId: 'undefined',
          data: { command: target.command, target: target.target },
          file: build.file,
          range: target.range,
          fix: `if(WIN32 AND PY_GIL_DISABLED)  # from sysconfig.get_config_var("Py_GIL_DISABLED")\n  target_compile_definitions(${target.target} PRIVATE Py_GIL_DISABLED=1)\nendif()`,
        });
      }
    }
  },
});
