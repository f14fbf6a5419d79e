import picomatch from 'picomatch';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { buildRoot, inTree, type BuildFileFacts } from '../src/facts/build-files.js';
import type { CibuildwheelSetting } from '../src/facts/packaging.js';
import { BUILDING_HOWTO, moduleStates, type ModuleState } from './support/packaging.js';

type MessageId = 'skipped' | 'removedOption' | 'deprecatedEnable';

/** A free-threaded 3.14 identifier per platform cibuildwheel builds it on. */
const FREE_THREADED_IDENTIFIERS: [string, string][] = [
  ...['x86_64', 'i686', 'aarch64', 'ppc64le', 's390x', 'armv7l', 'riscv64'].flatMap((arch): [string, string][] => [
    [`cp314t-manylinux_${arch}`, 'linux'],
    [`cp314t-musllinux_${arch}`, 'linux'],
  ]),
  ['cp314t-macosx_arm64', 'macos'],
  ['cp314t-macosx_x86_64', 'macos'],
  ['cp314t-macosx_universal2', 'macos'],
  ['cp314t-win_amd64', 'windows'],
  ['cp314t-win32', 'windows'],
  ['cp314t-win_arm64', 'windows'],
];

/** The pinned version is at least `major.minor.patch`; an unpinned cibuildwheel is taken as the newest. */
function atLeast(version: [number, number, number] | null, major: number, minor: number, patch = 0): boolean {
  if (version === null) return true;
  return (version[0] - major || version[1] - minor || version[2] - patch) >= 0;
}

/** cibuildwheel's selectors: fnmatch patterns with braces, separated by white space. */
function matchesAny(identifier: string, patterns: string): boolean {
  return patterns.split(/\s+/).some((p) => p !== '' && picomatch.isMatch(identifier, p));
}

/** cibuildwheel checks requires-python against X.Y.99: `<3.14` and `<=3.14` leave out every 3.14. */
function excludesPython314(specifier: string): boolean {
  for (const m of specifier.matchAll(/(<=?)\s*(\d+)\.(\d+)(?:\.(\d+))?/g)) {
    const bound = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
    const version = [3, 14, 99];
    const order = version[0] - bound[0] || version[1] - bound[1] || version[2] - bound[2];
    if (m[1] === '<' ? order >= 0 : order > 0) return true;
  }
  return false;
}

interface Selection {
  file: string;
  setting: CibuildwheelSetting | null;
}

/**
 * The cibuildwheel runs of one workflow: each `env:` block that selects (CIBW_BUILD or CIBW_SKIP)
 * and holds no inner block that selects too, with what it inherits from the blocks around it
 * (the job's, the workflow's); a step's own setting wins over an inherited one.
 */
function workflowRuns(settings: readonly CibuildwheelSetting[]): CibuildwheelSetting[][] {
  const innermost = (s: CibuildwheelSetting) => s.envBlocks?.[s.envBlocks.length - 1] ?? -1;
  // A Pyodide build makes no CPython wheel by design: such a run neither ships cp314t nor fails to.
  const pyodide = new Set(settings.filter((s) => s.key === 'platform' && /^pyodide$/i.test(s.value.trim())).map(innermost));
  const selecting = settings.filter((s) => (s.key === 'build' || s.key === 'skip') && !(s.envBlocks ?? []).some((id) => pyodide.has(id)));
  const chains = new Map(selecting.map((s) => [innermost(s), s.envBlocks ?? []]));
  const leaves = [...chains].filter(([id]) => ![...chains.values()].some((chain) => chain.length > 0 && chain[chain.length - 1] !== id && chain.includes(id)));
  return leaves.map(([, chain]) => {
    const inForce = settings.filter((s) => chain.includes(innermost(s)));
    // Innermost first, so that picking the first of a key takes the step's own.
    return inForce.sort((a, b) => chain.indexOf(innermost(b)) - chain.indexOf(innermost(a)));
  });
}

/**
 * The settings one CI run combines: a workflow's CIBW_BUILD / CIBW_SKIP replace the pyproject
 * values, each workflow being its own run; the platform tables apply to their platform.
 */
function configurations(buildFiles: readonly BuildFileFacts[]): { build: (platform: string) => Selection; skip: (platform: string) => Selection }[] {
  const toml = buildFiles.filter((b) => b.file.endsWith('pyproject.toml')).flatMap((b) => b.packaging.cibuildwheel.map((s) => ({ file: b.file, setting: s })));
  const pick = (list: Selection[], key: 'build' | 'skip', platform: string) =>
    list.find((s) => s.setting?.key === key && s.setting.platform === platform) ?? list.find((s) => s.setting?.key === key && s.setting.platform === null) ?? { file: '', setting: null };
  const workflows = buildFiles.filter((b) => !b.file.endsWith('pyproject.toml') && !b.packaging.selectionUnknown);
  const runs = workflows.flatMap((b) => workflowRuns(b.packaging.cibuildwheel).map((run) => run.map((s) => ({ file: b.file, setting: s }))));
  const combine = (environment: Selection[]) => ({
    build: (platform: string) => (environment.some((s) => s.setting?.key === 'build') ? pick(environment, 'build', platform) : pick(toml, 'build', platform)),
    skip: (platform: string) => (environment.some((s) => s.setting?.key === 'skip') ? pick(environment, 'skip', platform) : pick(toml, 'skip', platform)),
  });
  // A step with `only: ID` builds that identifier alone, whatever the selectors say.
  const only = workflows.flatMap((b) => b.packaging.cibuildwheel.filter((s) => s.key === 'only').map((setting) => ({ file: b.file, setting })));
  const onlyRuns = only.map((selection) => ({ build: () => selection, skip: () => ({ file: '', setting: null }) }));
  return runs.length > 0 || onlyRuns.length > 0 ? [...runs.map(combine), ...onlyRuns] : [combine([])];
}

export default defineRule<MessageId>({
  id: 'cibuildwheel-free-threading',
  category: 'packaging',
  severity: 'warning',
  precision: 'high',
  status: 'stable',
  guide: BUILDING_HOWTO,
  references: ['https://cibuildwheel.pypa.io/en/stable/options/#build-skip', 'https://cibuildwheel.pypa.io/en/stable/options/#enable', 'https://py-free-threading.github.io/ci/'],
  replacement: 'let cibuildwheel build the cp314t identifiers (its default since 3.1): drop the skip pattern or the build selector that leaves them out',
  since: 'cibuildwheel 3.1',
  compat: 'not applicable',
  verified:
    'pypa/cibuildwheel docs/changelog.md (2.18.1 free-threaded-support, 2.22.0 enable, 3.0.0 removal, 3.1.0 cp314t by default, 3.4.1 and 4.0.0 cpython-freethreading deprecated and removed), selector.py at v3.1.0 and HEAD; CPython Doc/howto/free-threading-extensions.rst, Building Extensions for the Free-Threaded Build',
  docs: {
    what:
      'Finds cibuildwheel configurations (pyproject.toml [tool.cibuildwheel], CIBW_* variables in GitHub workflows) that build no free-threaded wheel while a module declares free-threading support, and the free-threading options cibuildwheel removed or deprecated.',
    why:
      'A module that declares Py_MOD_GIL_NOT_USED reaches free-threaded users only in a cp314t wheel. cibuildwheel builds cp314t by default since 3.1, so a skip pattern ' +
      '(cp3??t-*, *t-*) or a build selector such as cp31?-* silently leaves them without one. free-threaded-support was removed in cibuildwheel 3.0 (it is a configuration ' +
      'error there), and the cpython-freethreading enable group, needed only for the experimental cp313t, is deprecated since 3.4.1 and an error in 4.0.',
    exampleFile: 'pyproject.toml',
    example: ['[tool.cibuildwheel]', 'free-threaded-support = true', 'skip = ["pp*"]'].join('\n'),
    useInstead: ['[tool.cibuildwheel]', 'skip = ["pp*"]'].join('\n'),
    knownProblems:
      'Each env block of a workflow that selects (CIBW_BUILD, CIBW_SKIP) is read as a cibuildwheel run of its own, with the job\'s and the workflow\'s env around it; one run that builds cp314t is enough, and a run with CIBW_PLATFORM: pyodide does not count. ' +
      'Settings made outside pyproject.toml and GitHub workflow env blocks (other CI systems, --config-file, overrides tables) are not read. An only: input is a run that builds the one identifier it names. A workflow whose ' +
      'selection depends on ${{ … }} expressions (an only: input among them) or Pyodide named outside CIBW_PLATFORM may build cp314t: with one, nothing is reported unless a run the files tell builds it (then requires-python is still judged). Without a version pinned in a workflow, the removed and ' +
      'deprecated options are judged against the newest cibuildwheel.',
  },
  messages: {
    skipped:
      '{{why}}: cibuildwheel builds no free-threaded (cp314t) wheel, so free-threaded users never get module "{{module}}", which declares free-threading support',
    removedOption: '`{{text}}`: free-threaded-support was removed in cibuildwheel 3.0, where it is a configuration error; cp314t wheels are built by default since 3.1',
    deprecatedEnable:
      '`{{text}}`: the cpython-freethreading group only selects the experimental cp313t wheels; it is deprecated since cibuildwheel 3.4.1 and an error in 4.0, and cp314t needs no enable',
  },
  scope: 'project',
  check(project, context) {
    for (const build of project.buildFiles) {
      // A workflow's pinned cibuildwheel judges its own settings and the pyproject's of its checkout.
      const pinned = project.buildFiles.find((b) => buildRoot(b.file) === buildRoot(build.file) && b.packaging.cibuildwheelVersion !== null)?.packaging.cibuildwheelVersion ?? null;
      for (const setting of build.packaging.cibuildwheel) {
        const file = build.file;
        if (setting.key === 'free-threaded-support' && atLeast(pinned, 3, 0)) {
          context.report({ messageId: 'removedOption', data: { text: setting.text }, file, range: setting.range, fix: 'Remove it.' });
        }
        if (setting.key === 'enable' && /\bcpython-freethreading\b/.test(setting.value) && atLeast(pinned, 3, 4, 1)) {
          context.report({ messageId: 'deprecatedEnable', data: { text: setting.text }, file, range: setting.range, fix: 'Remove cpython-freethreading (and build cp313t no more).' });
        }
      }
    }
    // Each project of the scan on its own: the build files of one checkout, the modules of its tree.
    for (const root of new Set(project.buildFiles.filter((b) => b.packaging.usesCibuildwheel).map((b) => buildRoot(b.file)))) {
      const buildFiles = project.buildFiles.filter((b) => buildRoot(b.file) === root);
      const declared = moduleStates(project).find((m) => m.declared && inTree(root, m.file));
      if (declared !== undefined) checkSelection(buildFiles, declared, context);
    }
  },
});

/**
 * Whether one project's cibuildwheel runs ship a cp314t wheel of its declared modules: one run
 * that builds it is enough (a legacy manylinux step beside the main one builds none); when none
 * does, each run's deciding setting is reported.
 */
function checkSelection(buildFiles: readonly BuildFileFacts[], declared: ModuleState, context: RuleContext<MessageId>): void {
  const requires = buildFiles.map((b) => ({ file: b.file, requires: b.packaging.requiresPython })).find((r) => r.requires !== null);
  const runs = configurations(buildFiles).map((run) => ({
    run,
    survivors: FREE_THREADED_IDENTIFIERS.filter(([id, platform]) => matchesAny(id, run.build(platform).setting?.value ?? '*') && !matchesAny(id, run.skip(platform).setting?.value ?? '')),
  }));
  const building = runs.some(({ survivors }) => survivors.length > 0);
  // A workflow whose selection the file cannot tell (an `only:` input, a matrix value) may build it.
  if (!building && buildFiles.some((b) => !b.file.endsWith('pyproject.toml') && b.packaging.usesCibuildwheel && b.packaging.selectionUnknown)) return;
  const decisions =
    building && requires?.requires && excludesPython314(requires.requires.text)
      ? [{ file: requires.file, range: requires.requires.range, why: `requires-python = "${requires.requires.text}" leaves out 3.14` }]
      : building
        ? []
        : runs.map(({ run }) => {
            const skip = FREE_THREADED_IDENTIFIERS.map(([, platform]) => run.skip(platform)).find((s) => s.setting !== null && FREE_THREADED_IDENTIFIERS.every(([id]) => matchesAny(id, s.setting?.value ?? '')));
            const build = run.build('linux');
            return skip?.setting
              ? { file: skip.file, range: skip.setting.range, why: `\`${skip.setting.text}\` skips every cp314t identifier` }
              : build.setting
                ? { file: build.file, range: build.setting.range, why: `\`${build.setting.text}\` selects no cp314t identifier` }
                : null;
          });
  for (const decisive of decisions) {
    if (decisive === null) continue;
    context.report({
      messageId: 'skipped',
      data: { why: decisive.why, module: declared.name },
      file: decisive.file,
      range: decisive.range,
      fix: 'Let the cp314t identifiers through: remove the pattern that leaves them out (cibuildwheel 3.1 and later build them by default).',
      related: [{ file: declared.file, range: declared.range, message: `module "${declared.name}"` }],
    });
  }
}
