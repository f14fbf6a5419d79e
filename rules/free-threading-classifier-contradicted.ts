import { defineRule } from '../src/engine/rule.js';
import { multiPhaseModule } from './support/examples.js';
import { BUILDING_HOWTO, moduleStatesUnder } from './support/packaging.js';

type MessageId = 'contradicted';

export default defineRule<MessageId>({
  id: 'free-threading-classifier-contradicted',
  category: 'packaging',
  severity: 'warning',
  precision: 'high',
  status: 'stable',
  guide: BUILDING_HOWTO,
  references: ['https://py-free-threading.github.io/porting/#declaring-support-in-the-trove-classifiers', 'https://pypi.org/classifiers/'],
  replacement: 'declare every module (or drop the classifier until they are)',
  since: 'trove-classifiers 2025.5.8.15',
  compat: 'not applicable',
  verified: 'pypa/trove-classifiers src/trove_classifiers/__init__.py (Programming Language :: Python :: Free Threading, levels 1 - Unstable to 4 - Resilient, added 2025-05-08)',
  docs: {
    what: 'Finds a "Programming Language :: Python :: Free Threading" classifier in a project one of whose modules does not declare free-threading support.',
    why:
      'The classifier tells users on PyPI that the package supports the free-threaded build. A module that declares nothing (or Py_MOD_GIL_USED) turns the GIL ' +
      'back on when it is imported, so a user who trusted the classifier gets a RuntimeWarning and no parallelism.',
    exampleFile: 'pyproject.toml',
    example: ['[project]', 'name = "example"', 'classifiers = ["Programming Language :: Python :: Free Threading :: 2 - Beta"]'].join('\n'),
    exampleContext: { 'example.c': multiPhaseModule([]) },
    useInstead: ['[project]', 'name = "example"', 'classifiers = ["Programming Language :: Python :: 3"]'].join('\n'),
  },
  messages: {
    contradicted:
      'the classifier "{{classifier}}" says the package supports free threading, but module "{{module}}" does not declare it: importing it re-enables the GIL',
  },
  scope: 'project',
  check(project, context) {
    for (const build of project.buildFiles) {
      const undeclared = moduleStatesUnder(project, build.file).find((m) => m.keepsGil);
      if (undeclared === undefined) continue;
      for (const classifier of build.packaging.classifiers) {
        context.report({
          messageId: 'contradicted',
          data: { classifier: classifier.text, module: undeclared.name },
          file: build.file,
          range: classifier.range,
          related: [{ file: undeclared.file, range: undeclared.range, message: `module "${undeclared.name}"` }],
        });
      }
    }
  },
});
