/**
 * What the packaging files say about free-threaded wheels, read as text or TOML and never run:
 * cibuildwheel's selection (pyproject.toml and CI workflow environments), the free-threading
 * trove classifiers, and the CMake targets that build extension modules.
 */
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { LineIndex } from '../source/lines.js';
import type { Range } from './types.js';

export type CibuildwheelKey = 'build' | 'skip' | 'enable' | 'free-threaded-support' | 'platform' | 'only';

export interface CibuildwheelSetting {
  key: CibuildwheelKey;
  /** Space-separated patterns or groups, as cibuildwheel reads them. */
  value: string;
  /** `linux`, `macos`, `windows` for a platform table; null for the top level or an environment variable. */
  platform: string | null;
  /** The TOML key or the environment variable, as written. */
  text: string;
  range: Range;
  /**
   * In a workflow: the `env:` blocks in force where it is set, outermost first (the workflow's,
   * the job's, the step's), numbered in the file; each step's env is a cibuildwheel run of its own.
   */
  envBlocks?: number[];
}

export interface Packaging {
  /** The file uses cibuildwheel: a `[tool.cibuildwheel]` table, or a workflow that runs it. */
  usesCibuildwheel: boolean;
  /** The version a workflow pins (`pypa/cibuildwheel@v3.1.4`, `cibuildwheel==2.19.2`), as [major, minor, patch]. */
  cibuildwheelVersion: [number, number, number] | null;
  /**
   * A workflow whose selection the file alone cannot tell: values from `${{ … }}` expressions, an
   * `only:` input, or a Pyodide build (whose jobs build no free-threaded wheel by design).
   */
  selectionUnknown: boolean;
  cibuildwheel: CibuildwheelSetting[];
  /** `Programming Language :: Python :: Free Threading[ :: level]` classifiers. */
  classifiers: { text: string; range: Range }[];
  /** The `[project]` header of pyproject.toml, where a classifier belongs; null without one. */
  projectTable: Range | null;
  /** pyproject.toml lists classifiers in `dynamic`: the build backend writes them. */
  dynamicClassifiers: boolean;
  /** `requires-python` of pyproject.toml, as written. */
  requiresPython: { text: string; range: Range } | null;
  /** CMake commands that build an extension module: pybind11_add_module, nanobind_add_module, Python_add_library… */
  cmakeExtensions: { command: string; target: string; range: Range }[];
  /** Whether a CMakeLists.txt names Py_GIL_DISABLED at all (to define it for Windows builds). */
  mentionsGilDisabled: boolean;
  /** `[build-system] build-backend` of pyproject.toml. */
  buildBackend: string | null;
  /** `[build-system] requires` of pyproject.toml, each string where it is written. */
  buildRequires: { text: string; range: Range }[];
}

const CIBUILDWHEEL_KEYS: CibuildwheelKey[] = ['build', 'skip', 'enable', 'free-threaded-support'];
/** A workflow's cibuildwheel settings: its environment variables, and the action's `only:` input. */
const WORKFLOW_KEYS: Record<string, CibuildwheelKey> = {
  CIBW_BUILD: 'build',
  CIBW_SKIP: 'skip',
  CIBW_ENABLE: 'enable',
  CIBW_FREE_THREADED_SUPPORT: 'free-threaded-support',
  CIBW_PLATFORM: 'platform',
  only: 'only',
};
const CLASSIFIER = /Programming Language :: Python :: Free Threading(?: :: [^"'\n]*)?/g;

export function emptyPackaging(): Packaging {
  return { usesCibuildwheel: false, cibuildwheelVersion: null, selectionUnknown: false, cibuildwheel: [], classifiers: [], projectTable: null, dynamicClassifiers: false, requiresPython: null, cmakeExtensions: [], mentionsGilDisabled: false, buildBackend: null, buildRequires: [] };
}

/** The range of `key =` inside the TOML table `table` (a `[table]` header), or of the header itself. */
function tomlKeyRange(text: string, lines: LineIndex, table: string, key: string): Range {
  const header = new RegExp(`^\\s*\\[\\s*${table.replace(/\./g, '\\.')}\\s*\\]`, 'm').exec(text);
  const from = header === null ? 0 : header.index + header[0].length;
  const next = text.slice(from).search(/^\s*\[/m);
  const body = text.slice(from, next < 0 ? text.length : from + next);
  const line = new RegExp(`^[ \\t]*"?${key}"?\\s*=.*$`, 'm').exec(body);
  if (line === null) return lines.range(header?.index ?? 0, from);
  const start = from + line.index + (line[0].length - line[0].trimStart().length);
  return lines.range(start, from + line.index + line[0].length);
}

function words(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return null;
}

function pyproject(text: string, lines: LineIndex): Packaging {
  const found = emptyPackaging();
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch {
    return found;
  }
  const tool = (toml.tool as Record<string, unknown> | undefined)?.cibuildwheel as Record<string, unknown> | undefined;
  if (tool !== undefined) {
    found.usesCibuildwheel = true;
    const tables: [string | null, Record<string, unknown>][] = [[null, tool]];
    for (const platform of ['linux', 'macos', 'windows']) {
      const table = tool[platform];
      if (table !== null && typeof table === 'object' && !Array.isArray(table)) tables.push([platform, table as Record<string, unknown>]);
    }
    for (const [platform, table] of tables) {
      for (const key of CIBUILDWHEEL_KEYS) {
        const value = words(table[key]);
        if (value === null) continue;
        const name = platform === null ? 'tool.cibuildwheel' : `tool.cibuildwheel.${platform}`;
        found.cibuildwheel.push({ key, value, platform, text: `${key} = ${JSON.stringify(table[key])}`, range: tomlKeyRange(text, lines, name, key) });
      }
    }
  }
  const project = toml.project as Record<string, unknown> | undefined;
  const classifiers = Array.isArray(project?.classifiers) ? (project.classifiers as unknown[]).filter((c): c is string => typeof c === 'string') : [];
  for (const c of classifiers.filter((c) => c.startsWith('Programming Language :: Python :: Free Threading'))) {
    const at = text.indexOf(c);
    found.classifiers.push({ text: c, range: lines.range(Math.max(at, 0), Math.max(at, 0) + c.length) });
  }
  if (typeof project?.['requires-python'] === 'string') {
    found.requiresPython = { text: project['requires-python'], range: tomlKeyRange(text, lines, 'project', 'requires-python') };
  }
  const header = /^\s*\[\s*project\s*\]/m.exec(text);
  if (header !== null) found.projectTable = lines.range(header.index + (header[0].length - header[0].trimStart().length), header.index + header[0].length);
  found.dynamicClassifiers = Array.isArray(project?.dynamic) && (project.dynamic as unknown[]).includes('classifiers');
  const buildSystem = toml['build-system'] as Record<string, unknown> | undefined;
  const backend = buildSystem?.['build-backend'];
  found.buildBackend = typeof backend === 'string' ? backend : null;
  const requires = Array.isArray(buildSystem?.requires) ? (buildSystem.requires as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const table = /^\s*\[\s*build-system\s*\]/m.exec(text)?.index ?? 0;
  for (const r of requires) {
    // Where the string is written, quoted either way; the table's start when escapes make it another text.
    const at = [`"${r}"`, `'${r}'`].map((q) => text.indexOf(q, table)).find((i) => i >= 0);
    found.buildRequires.push({ text: r, range: at === undefined ? lines.range(table, Math.min(text.length, table + 1)) : lines.range(at + 1, at + 1 + r.length) });
  }
  return found;
}

/**
 * The `env:` blocks of a YAML workflow in force at each line, outermost first, read from the
 * indentation: a block is in force for everything its owner (the workflow, a job, a step) holds,
 * up to the first line indented less than its `env:` key.
 */
function envBlocks(text: string): (line: number) => number[] {
  const at: number[][] = [[]];
  const scopes: { id: number; indent: number }[] = [];
  let next = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const content = line.trimStart();
    const indent = line.length - content.length;
    if (content !== '' && !content.startsWith('#')) {
      while (scopes.length > 0 && indent < (scopes[scopes.length - 1] as { indent: number }).indent) scopes.pop();
    }
    at.push(scopes.map((scope) => scope.id));
    if (/^(?:-\s+)?env\s*:\s*(?:#.*)?$/.test(content)) scopes.push({ id: next++, indent: indent + (content.startsWith('-') ? content.indexOf('env') : 0) });
  }
  return (line) => at[line] ?? [];
}

/** A CI workflow: whether it runs cibuildwheel, and the CIBW_* variables of its `env:` blocks. */
function workflow(text: string, lines: LineIndex): Packaging {
  const found = emptyPackaging();
  found.usesCibuildwheel = /\buses:\s*["']?pypa\/cibuildwheel@|\bcibuildwheel\b/.test(text);
  const version = /pypa\/cibuildwheel@v?(\d+)(?:\.(\d+))?(?:\.(\d+))?|cibuildwheel==(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (version !== null) {
    const [major, minor, patch] = (version[1] !== undefined ? version.slice(1, 4) : version.slice(4, 7)).map((n) => Number(n ?? 0));
    found.cibuildwheelVersion = [major, minor, patch];
  }
  // A step's CIBW_PLATFORM: pyodide marks that run alone (the rule leaves it out); the action's
  // `platform: pyodide` input or `--platform pyodide` leaves the file's runs to tell apart no more.
  found.selectionUnknown = /^[ \t]*platform[ \t]*:[ \t]*["']?pyodide|--platform[ \t=]+["']?pyodide/im.test(text);
  const blocksAt = envBlocks(text);
  for (const m of text.matchAll(/^[ \t]*(CIBW_BUILD|CIBW_SKIP|CIBW_ENABLE|CIBW_FREE_THREADED_SUPPORT|CIBW_PLATFORM|only)[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$/gm)) {
    const key = WORKFLOW_KEYS[m[1]];
    const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
    if (value.includes('${{')) found.selectionUnknown = true;
    // The `only:` input names the one identifier its step builds, overriding every selector; from an expression, any.
    if (key === 'only' && (value === '' || value.includes('${{'))) {
      found.selectionUnknown = true;
      continue;
    }
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    const range = lines.range(start, (m.index ?? 0) + m[0].length);
    found.cibuildwheel.push({ key, value, platform: null, text: `${m[1]}: ${m[2]}`, range, envBlocks: blocksAt(range.startLine) });
  }
  return found;
}

/** Classifiers written in setup.py or setup.cfg. */
function setuptools(text: string, lines: LineIndex): Packaging {
  const found = emptyPackaging();
  for (const m of text.matchAll(CLASSIFIER)) found.classifiers.push({ text: m[0].trim(), range: lines.range(m.index ?? 0, (m.index ?? 0) + m[0].trim().length) });
  return found;
}

const CMAKE_EXTENSION = /\b(pybind11_add_module|nanobind_add_module|Python3?_add_library|python_add_library)\s*\(\s*([^\s)]+)/gi;

function cmake(code: string, lines: LineIndex): Packaging {
  const found = emptyPackaging();
  for (const m of code.matchAll(CMAKE_EXTENSION)) {
    found.cmakeExtensions.push({ command: m[1], target: m[2], range: lines.range(m.index ?? 0, (m.index ?? 0) + m[1].length) });
  }
  found.mentionsGilDisabled = /\bPy_GIL_DISABLED\b/.test(code);
  return found;
}

/** `code` is the file's text with comments blanked where the format has them (CMake). */
export function packagingFacts(file: string, text: string, code: string, lines: LineIndex): Packaging {
  const name = path.posix.basename(file);
  if (name === 'pyproject.toml') return pyproject(text, lines);
  if (name === 'setup.py' || name === 'setup.cfg') return setuptools(text, lines);
  if (name === 'CMakeLists.txt') return cmake(code, lines);
  if (/\.ya?ml$/.test(name)) return workflow(text, lines);
  return emptyPackaging();
}
