/**
 * Modules made by binding frameworks, and whether each declares free-threading support:
 * pybind11 through a module option, nanobind through its CMake target, Cython through a
 * compiler directive in the module's header or in the build file that compiles it.
 */
import { buildRoot, covers, type BuildFileFacts } from './build-files.js';
import { compiledInAny, FREE_THREADED } from './guards.js';
import { floorVerdict, type Release, type RequirementCheck } from './requirements.js';
import type { BindingModuleFact, FileFacts, Range } from './types.js';

/** The first release with the declaration (py::mod_gil_not_used(), FREE_THREADED), and the projects on PyPI that ship it. */
const DECLARATION_SINCE: Record<'pybind11' | 'nanobind', { release: Release; projects: string[] }> = {
  pybind11: { release: [2, 13], projects: ['pybind11', 'pybind11-global'] },
  nanobind: { release: [2, 2], projects: ['nanobind'] },
};

export type BindingDeclared = 'yes' | 'no' | 'keeps-gil' | 'unknown';

export interface BindingModule {
  framework: BindingModuleFact['framework'];
  name: string;
  file: string;
  range: Range;
  declared: BindingDeclared;
  /** What decides it: the option, directive or CMake call, where it is; null when nothing does. */
  evidence: { file: string; range: Range; text: string } | null;
  /** For nanobind: the CMake call that builds the module, whatever its options. */
  target: { file: string; range: Range; text: string } | null;
  /** Its own file and the others of its directory tree (filled by the project pass). */
  files: string[];
  /** Why `declared` is `unknown`. */
  unknownBecause?: string;
  /** For pybind11 and nanobind: the build requirement of the nearest pyproject.toml that names the framework. */
  requirement: (RequirementCheck & { file: string }) | null;
}

/**
 * `py::mod_gil_not_used()` (or `(true)`) declares; `(false)`, and pybind11 3.1's
 * `py::mod_gil_used()`, keep the GIL on purpose.
 */
function pybind11Declared(options: readonly string[]): { declared: BindingDeclared; option: string | null } {
  for (const option of options) {
    const m = /\bmod_gil_(not_)?used\s*\(\s*(true|false)?\s*\)/.exec(option);
    // not_used(false) and used() keep the GIL; not_used() and used(false) do not.
    if (m) return { declared: (m[1] !== undefined) !== (m[2] === 'false') ? 'yes' : 'keeps-gil', option };
  }
  return { declared: 'no', option: null };
}

/** The directive's value in the module's header: true, false, or undefined when not set there. */
function headerValue(options: readonly string[]): { value: boolean; text: string } | undefined {
  for (const option of options) {
    const m = /^freethreading_compatible=(\w+)$/.exec(option);
    if (m) return { value: m[1] === 'True' || m[1] === 'true', text: option };
  }
  return undefined;
}

function cythonModule(fact: BindingModuleFact, file: string, buildFiles: readonly BuildFileFacts[]): Pick<BindingModule, 'declared' | 'evidence'> {
  const header = headerValue(fact.options);
  if (header !== undefined) {
    return { declared: header.value ? 'yes' : 'keeps-gil', evidence: { file, range: fact.range, text: `# cython: ${header.text}` } };
  }
  const settings = buildFiles.filter((b) => covers(b.file, file)).flatMap((b) => b.cythonDirectives.map((d) => ({ file: b.file, ...d })));
  if (settings.length === 0) return { declared: 'no', evidence: null };
  // One build file may set it for some extensions only; a True anywhere above is trusted.
  const chosen = settings.find((s) => s.value) ?? settings[0];
  return { declared: chosen.value ? 'yes' : 'keeps-gil', evidence: { file: chosen.file, range: chosen.range, text: chosen.text } };
}

function nanobindModule(fact: BindingModuleFact, buildFiles: readonly BuildFileFacts[]): Pick<BindingModule, 'declared' | 'evidence' | 'target' | 'unknownBecause'> {
  const targets = buildFiles.flatMap((b) => b.nanobindTargets.map((t) => ({ file: b.file, ...t })));
  const target = targets.find((t) => t.target === fact.name) ?? (targets.length === 1 ? targets[0] : undefined);
  if (target === undefined) return { declared: 'unknown', evidence: null, target: null, unknownBecause: `no nanobind_add_module(${fact.name} …) in the scanned CMakeLists.txt files` };
  const call = { file: target.file, range: target.range, text: `nanobind_add_module(${target.target} …)` };
  if (target.options.includes('FREE_THREADED')) return { declared: 'yes', evidence: { ...call, text: 'FREE_THREADED' }, target: call };
  if (target.indirect) return { declared: 'unknown', evidence: null, target: call, unknownBecause: `the options of nanobind_add_module(${target.target} …) come from a CMake variable` };
  return { declared: 'no', evidence: null, target: call };
}

const DECLARATION = { pybind11: 'py::mod_gil_not_used()', nanobind: 'FREE_THREADED' } as const;

/**
 * What to change in the build requirement before the declaration can compile everywhere; null
 * when the requirement lets every build have it (or no pyproject.toml names the framework).
 */
export function requirementNote(module: BindingModule): string | null {
  const r = module.requirement;
  if (r === null || r.verdict === 'meets' || module.framework === 'cython') return null;
  const release = DECLARATION_SINCE[module.framework].release.join('.');
  const isNew = `${DECLARATION[module.framework]} is new in ${module.framework} ${release}`;
  const where = `"${r.text}" in the [build-system] requires of ${r.file}`;
  return r.verdict === 'excludes'
    ? `${isNew}, which ${where} does not allow: allow ${module.framework}>=${release} first`
    : `${isNew}: raise ${where} to ${module.framework}>=${release}, or a build that finds an older ${module.framework} installed fails`;
}

/** A binding rule's fix: the declaration, then what the build requirement needs first, if anything. */
export function withRequirementNote(fix: string, module: BindingModule | undefined): string {
  const note = module === undefined ? null : requirementNote(module);
  return note === null ? fix : `${fix}\n${note}`;
}

/** What the nearest pyproject.toml above `file` that requires the framework says of its versions. */
function requirementOf(framework: BindingModuleFact['framework'], file: string, buildFiles: readonly BuildFileFacts[]): BindingModule['requirement'] {
  if (framework === 'cython') return null;
  const since = DECLARATION_SINCE[framework];
  const nearest = buildFiles
    .filter((b) => b.file.endsWith('pyproject.toml') && covers(b.file, file))
    .sort((a, b) => buildRoot(b.file).length - buildRoot(a.file).length);
  for (const pyproject of nearest) {
    for (const r of pyproject.packaging.buildRequires) {
      const verdict = floorVerdict(r.text, since.projects, since.release);
      if (verdict !== null) return { file: pyproject.file, text: r.text, range: r.range, verdict };
    }
  }
  return null;
}

export function bindingModules(files: readonly FileFacts[], buildFiles: readonly BuildFileFacts[]): BindingModule[] {
  const modules: BindingModule[] = [];
  for (const f of files) {
    for (const fact of f.bindingModules) {
      if (compiledInAny(fact.guard, FREE_THREADED) === false) continue;
      const base = { framework: fact.framework, name: fact.name, file: f.file, range: fact.range, target: null, files: [f.file], requirement: requirementOf(fact.framework, f.file, buildFiles) };
      if (fact.framework === 'pybind11') {
        const { declared, option } = pybind11Declared(fact.options);
        modules.push({ ...base, declared, evidence: option === null ? null : { file: f.file, range: fact.range, text: option } });
      } else if (fact.framework === 'nanobind') {
        modules.push({ ...base, ...nanobindModule(fact, buildFiles) });
      } else {
        modules.push({ ...base, ...cythonModule(fact, f.file, buildFiles) });
      }
    }
  }
  return modules;
}
