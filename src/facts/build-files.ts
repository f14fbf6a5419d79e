/**
 * Build files, read as text and never executed: the settings that decide whether a
 * free-threaded wheel can be built at all. For now, the limited-API (abi3) switches.
 */
import path from 'node:path';
import { LineIndex } from '../source/lines.js';
import { packagingFacts, type Packaging } from './packaging.js';
import type { Range } from './types.js';

export interface BuildSetting {
  /** What sets it, as written: `py_limited_api=True`, `wheel.py-api = "cp39"`. */
  text: string;
  /** The setting depends on the build (an expression, not a constant): assumed to handle free threading. */
  conditional: boolean;
  range: Range;
}

/** `nanobind_add_module(target [options] sources…)` in a CMakeLists.txt. */
export interface NanobindTarget {
  target: string;
  /** The upper-case keywords among the arguments: FREE_THREADED, STABLE_ABI, NB_STATIC… */
  options: string[];
  /** An argument is a CMake variable (`${NB_ARGS}`): more options may hide in it. */
  indirect: boolean;
  range: Range;
}

/** `freethreading_compatible` set for every Cython module a build file compiles. */
export interface CythonDirective {
  value: boolean;
  text: string;
  range: Range;
}

export interface BuildFileFacts {
  file: string;
  limitedApi: BuildSetting[];
  nanobindTargets: NanobindTarget[];
  cythonDirectives: CythonDirective[];
  packaging: Packaging;
}

export const BUILD_FILE_NAMES = ['setup.py', 'setup.cfg', 'pyproject.toml', 'meson.build', 'CMakeLists.txt'];
/** CI workflows, for the cibuildwheel settings in their environment. */
export const WORKFLOW_PATTERNS = ['.github/workflows/*.yml', '.github/workflows/*.yaml'];

/** The directory a build file speaks for: its own, or for a CI workflow the checkout that holds `.github/`. */
export function buildRoot(file: string): string {
  const workflow = /^(?:(.*)\/)?\.github\/workflows\/[^/]+$/.exec(file);
  return workflow !== null ? (workflow[1] ?? '.') : path.posix.dirname(file);
}

/** Whether `file` sits in the directory tree of `root` (`.` holds everything). */
export function inTree(root: string, file: string): boolean {
  return root === '.' || file.startsWith(`${root}/`);
}

/** Whether a build file's settings reach a source: the source sits in its directory tree. */
export function covers(buildFile: string, source: string): boolean {
  return inTree(buildRoot(buildFile), source);
}

/** Whether a file (a path relative to the scan root) is read for build settings. */
export function isBuildFile(file: string): boolean {
  return BUILD_FILE_NAMES.includes(path.posix.basename(file)) || /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(file);
}

/** Per file name: patterns that switch the limited API on, and whether the value is a build-time expression. */
const PATTERNS: Record<string, { pattern: RegExp; conditional: (value: string) => boolean }[]> = {
  'setup.py': [{ pattern: /\bpy_limited_api\s*=\s*([^,)\n]+)/g, conditional: (v) => v.trim() !== 'True' }],
  'setup.cfg': [{ pattern: /^\s*py[-_]limited[-_]api\s*=\s*(cp3\d+|true)\s*(?:[#;].*)?$/gim, conditional: () => false }],
  'pyproject.toml': [
    // scikit-build-core's wheel.py-api: since 0.9.4 it builds free-threaded wheels without the stable ABI.
    { pattern: /^\s*(?:wheel\.)?py-api\s*=\s*"(cp3\d+)"/gm, conditional: () => true },
    { pattern: /^\s*py-limited-api\s*=\s*"(cp3\d+)"/gm, conditional: () => false },
    { pattern: /^\s*limited-api\s*=\s*(true)\b/gm, conditional: () => false },
  ],
  'meson.build': [{ pattern: /\blimited_api\s*:\s*('[\d.]+')/g, conditional: () => false }],
};

/** CMake's comments (`# …` and `#[[ … ]]`) blanked, offsets kept. */
function cmakeCode(text: string): string {
  return text.replace(/#\[(=*)\[[\s\S]*?\]\1\]|#[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

/** `nanobind_add_module(…)` calls; a target named by a variable is kept as written. */
function nanobindTargets(text: string, lines: LineIndex): NanobindTarget[] {
  const found: NanobindTarget[] = [];
  for (const m of cmakeCode(text).matchAll(/\bnanobind_add_module\s*\(([^)]*)\)/gi)) {
    const words = m[1].trim().split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const at = m.index ?? 0;
    found.push({
      target: words[0].replace(/^"|"$/g, ''),
      options: words.slice(1).filter((w) => /^[A-Z][A-Z0-9_]+$/.test(w)),
      indirect: words.slice(1).some((w) => w.includes('${')),
      range: lines.range(at, at + m[0].length),
    });
  }
  return found;
}

/**
 * `freethreading_compatible` in compiler directives: `compiler_directives={"freethreading_compatible": True}`
 * or `freethreading_compatible=True` in setup.py, `-X freethreading_compatible=True` in meson.build.
 */
const CYTHON_DIRECTIVE = /['"]?freethreading_compatible['"]?\s*[:=]\s*['"]?(True|False|true|false)\b/g;

function cythonDirectives(file: string, text: string, lines: LineIndex): CythonDirective[] {
  if (!/^(setup\.py|setup\.cfg|pyproject\.toml|meson\.build)$/.test(path.posix.basename(file))) return [];
  return [...text.matchAll(CYTHON_DIRECTIVE)]
    .filter((m) => !/^\s*#/.test(text.slice(lines.starts[lines.line(m.index ?? 0) - 1], m.index)))
    .map((m) => ({ value: m[1].toLowerCase() === 'true', text: m[0], range: lines.range(m.index ?? 0, (m.index ?? 0) + m[0].length) }));
}

export function buildFileFacts(file: string, text: string): BuildFileFacts {
  const lines = new LineIndex(text);
  const limitedApi: BuildSetting[] = [];
  for (const { pattern, conditional } of PATTERNS[path.posix.basename(file)] ?? []) {
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(lines.starts[lines.line(m.index ?? 0) - 1]).split('\n', 1)[0];
      if (/^\s*#/.test(line)) continue;
      const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
      limitedApi.push({ text: m[0].trim(), conditional: conditional(m[1]), range: lines.range(start, (m.index ?? 0) + m[0].length) });
    }
  }
  const cmake = path.posix.basename(file) === 'CMakeLists.txt';
  return {
    file,
    limitedApi,
    nanobindTargets: cmake ? nanobindTargets(text, lines) : [],
    cythonDirectives: cythonDirectives(file, text, lines),
    packaging: packagingFacts(file, text, cmake ? cmakeCode(text) : text, lines),
  };
}
