import { defineRule } from '../src/engine/rule.js';
import { withRequirementNote } from '../src/facts/bindings.js';
import { HOWTO } from './support/module-parts.js';

type MessageId = 'missing';

export default defineRule<MessageId>({
  id: 'pybind11-missing-mod-gil-not-used',
  category: 'module-declaration',
  severity: 'error',
  precision: 'high',
  status: 'stable',
  guide: `${HOWTO}#module-initialization`,
  references: ['https://pybind11.readthedocs.io/en/stable/advanced/misc.html#free-threading-support', 'https://py-free-threading.github.io/porting-extensions/#pybind11'],
  replacement: 'PYBIND11_MODULE(name, m, py::mod_gil_not_used())',
  since: 'pybind11 2.13',
  compat: 'not applicable',
  verified: 'pybind11 v2.13.0 include/pybind11/pybind11.h (mod_gil_not_used) and docs/advanced/misc.rst',
  docs: {
    what: 'Finds PYBIND11_MODULE definitions without the py::mod_gil_not_used() module option.',
    why:
      'pybind11 declares Py_MOD_GIL_NOT_USED for a module only when PYBIND11_MODULE is given py::mod_gil_not_used(). Without it a ' +
      'free-threaded interpreter (python3.14t) turns the GIL back on for the whole process when it imports the module. Add the option ' +
      'once the bindings are safe without the GIL.',
    exampleFile: 'example.cpp',
    example: ['#include <pybind11/pybind11.h>', '', 'namespace py = pybind11;', '', 'PYBIND11_MODULE(example, m) {', '    m.def("add", [](int a, int b) { return a + b; });', '}'].join('\n'),
    useInstead: [
      '#include <pybind11/pybind11.h>',
      '',
      'namespace py = pybind11;',
      '',
      'PYBIND11_MODULE(example, m, py::mod_gil_not_used()) {',
      '    m.def("add", [](int a, int b) { return a + b; });',
      '}',
    ].join('\n'),
  },
  messages: {
    missing:
      'pybind11 module "{{module}}" does not pass py::mod_gil_not_used(): a free-threaded Python re-enables the GIL when it imports it',
  },
  scope: 'project',
  check(project, context) {
    for (const module of project.bindings) {
      if (module.framework !== 'pybind11' || module.declared !== 'no') continue;
      context.report({
        messageId: 'missing',
        data: { module: module.name },
        file: module.file,
        range: module.range,
        fix: withRequirementNote(`PYBIND11_MODULE(${module.name}, m, py::mod_gil_not_used())`, module),
      });
    }
  },
});
