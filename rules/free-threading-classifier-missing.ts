import { defineRule } from '../src/engine/rule.js';
import { multiPhaseModule } from './support/examples.js';
import { buildRoot } from '../src/facts/build-files.js';
import { BUILDING_HOWTO, moduleStatesUnder } from './support/packaging.js';

type MessageId = 'missing';

const LEVELS = '1 - Unstable, 2 - Beta, 3 - Stable or 4 - Resilient';

export default defineRule<MessageId>({
  id: 'free-threading-classifier-missing',
  category: 'packaging',
  severity: 'note',
  precision: 'high',
  status: 'stable',
  guide: BUILDING_HOWTO,
  references: ['https://py-free-threading.github.io/porting/#declaring-support-in-the-trove-classifiers', 'https://pypi.org/classifiers/'],
  replacement: 'the classifier "Programming Language :: Python :: Free Threading :: <level>" in [project] classifiers',
  since: 'trove-classifiers 2025.5.8.15',
  compat: 'not applicable',
  verified: 'pypa/trove-classifiers src/trove_classifiers/__init__.py (Programming Language :: Python :: Free Threading, levels 1 - Unstable to 4 - Resilient, added 2025-05-08)',
  docs: {
    what: 'Finds a pyproject.toml without a free-threading classifier in a project all of whose modules declare free-threading support.',
    why:
      'Every module declares Py_MOD_GIL_NOT_USED, but nothing on PyPI says so: users looking for packages that support the free-threaded build, and tools that ' +
      `list them, read the trove classifier. Pick the level that fits (${LEVELS}): 3 - Stable means tested in multithreaded use with its limits documented.`,
    exampleFile: 'pyproject.toml',
    example: ['[project]', 'name = "example"', 'classifiers = ["Programming Language :: Python :: 3"]'].join('\n'),
    exampleContext: { 'example.c': multiPhaseModule() },
    useInstead: ['[project]', 'name = "example"', 'classifiers = [', '    "Programming Language :: Python :: 3",', '    "Programming Language :: Python :: Free Threading :: 2 - Beta",', ']'].join('\n'),
    knownProblems: 'Classifiers set in setup.py or setup.cfg count; a pyproject.toml with a dynamic classifiers list is not reported.',
  },
  messages: {
    missing: 'every module ({{count}}) declares free-threading support, but no "Programming Language :: Python :: Free Threading" classifier says so',
  },
  scope: 'project',
  check(project, context) {
    for (const pyproject of project.buildFiles.filter((b) => b.file.endsWith('pyproject.toml') && !b.packaging.dynamicClassifiers)) {
      const modules = moduleStatesUnder(project, pyproject.file);
      if (modules.length === 0 || !modules.every((m) => m.declared)) continue;
      // The classifier may sit in setup.py or setup.cfg beside it.
      if (project.buildFiles.some((b) => buildRoot(b.file) === buildRoot(pyproject.file) && b.packaging.classifiers.length > 0)) continue;
      context.report({
        messageId: 'missing',
        data: { count: String(modules.length) },
        file: pyproject.file,
        range: pyproject.packaging.projectTable ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        fix: `Add to [project] classifiers:\n"Programming Language :: Python :: Free Threading :: 2 - Beta",\n(or the level that fits: ${LEVELS})`,
      });
    }
  },
});
