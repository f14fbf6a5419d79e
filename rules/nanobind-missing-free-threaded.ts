import { defineRule } from '../src/engine/rule.js';
import { withRequirementNote } from '../src/facts/bindings.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'missing';

export default defineRule<MessageId>({
  id: 'nanobind-missing-free-threaded',
  category: 'module-declaration',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#module-initialization`,
  references: ['https://nanobind.readthedocs.io/en/latest/free_threaded.html', 'https://nanobind.readthedocs.io/en/latest/api_cmake.html#command:nanobind_add_module'],
  replacement: 'nanobind_add_module(target FREE_THREADED …) in CMakeLists.txt',
  since: 'nanobind 2.2',
  compat: 'not applicable',
  verified: 'nanobind v2.2.0 cmake/nanobind-config.cmake (FREE_THREADED option of nanobind_add_module) and docs/free_threaded.rst',
  docs: {
    what: 'Finds nanobind_add_module(...) calls in CMakeLists.txt without the FREE_THREADED option.',
    why:
      'nanobind builds a module that declares Py_MOD_GIL_NOT_USED only when its CMake target is made with FREE_THREADED; without it a ' +
      'free-threaded interpreter (python3.14t) turns the GIL back on for the whole process when it imports the module. Add the option ' +
      'once the bindings are safe without the GIL.',
    exampleFile: 'CMakeLists.txt',
    example: ['find_package(nanobind CONFIG REQUIRED)', 'nanobind_add_module(example src/example.cpp)'].join('\n'),
    useInstead: ['find_package(nanobind CONFIG REQUIRED)', 'nanobind_add_module(example FREE_THREADED src/example.cpp)'].join('\n'),
    knownProblems: 'A target made by a CMake function or macro of the project is not seen; one whose options come from a CMake variable is left unknown.',
  },
  messages: {
    missing:
      'nanobind module target "{{target}}" is built without FREE_THREADED: a free-threaded Python re-enables the GIL when it imports it',
  },
  scope: 'project',
  check(project, context) {
    for (const build of project.buildFiles) {
      for (const target of build.nanobindTargets) {
        if (target.options.includes('FREE_THREADED') || target.indirect) continue;
        const module = project.bindings.find((b) => b.framework === 'nanobind' && b.target?.file === build.file && b.target.range.startLine === target.range.startLine);
        context.report({
          messageId: 'missing',
          data: { target: target.target },
          file: build.file,
          range: target.range,
          fix: withRequirementNote(`nanobind_add_module(${target.target} FREE_THREADED …)`, module),
          related: module ? [{ file: module.file, range: module.range, message: `NB_MODULE(${module.name}, …)` }] : [],
        });
      }
    }
  },
});
