/**
 * Modules made by binding frameworks, and whether each declares free-threading support:
 * pybind11 through a module option, nanobind through its CMake target, Cython through a
 * compiler directive in the module's header or in the build file that compiles it.
 */
import { covers, type BuildFileFacts } from './build-files.js';
import { compiledInAny, FREE_THREADED } from './guards.js';
import type { BindingModuleFact, FileFacts, Range } from './types.js';

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

export function bindingModules(files: readonly FileFacts[], buildFiles: readonly BuildFileFacts[]): BindingModule[] {
  const modules: BindingModule[] = [];
  for (const f of files) {
    for (const fact of f.bindingModules) {
      if (compiledInAny(fact.guard, FREE_THREADED) === false) continue;
      const base = { framework: fact.framework, name: fact.name, file: f.file, range: fact.range, target: null, files: [f.file] };
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
