/**
 * Configuration: `[tool.cext-audit]` in pyproject.toml (found by walking up from the first
 * path) or a file given with --config, overridden by flags, resolved into one Options object.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { Severity } from './engine/rule.js';
import type { MacroRule } from './source/prepass.js';
import { DEFAULT_MIN_PYTHON, DEFAULT_TARGET_PYTHON, lowestPython, parsePythonVersion, type MinPython, type PythonVersion } from './python-version.js';

export class ConfigError extends Error {}

export type FailOn = Severity | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'never'];

/** What a configuration file can set (kebab-case keys in TOML). */
export interface FileConfig {
  select?: string[];
  ignore?: string[];
  failOn?: FailOn;
  minPython?: PythonVersion;
  targetPython?: PythonVersion;
  include?: string[];
  exclude?: string[];
  macros?: Map<string, MacroRule>;
  /** `[project] requires-python` of the same pyproject.toml. */
  requiresPython?: PythonVersion;
  /** The file it came from, for messages. */
  source: string;
}

/** Flags as the CLI parsed them; undefined means "not given". */
export interface Flags {
  paths: string[];
  select?: string[];
  ignore?: string[];
  failOn?: FailOn;
  minPython?: string;
  targetPython?: string;
  include?: string[];
  exclude?: string[];
  /** What relative paths are relative to (default: the process's working directory). */
  cwd?: string;
}

export interface Options {
  paths: string[];
  select: string[];
  ignore: string[];
  failOn: FailOn;
  minPython: MinPython;
  /** Where minPython came from: a flag, a file, or the default. */
  minPythonSource: string;
  targetPython: PythonVersion;
  include: string[];
  exclude: string[];
  macros: Map<string, MacroRule>;
  configFile: string | null;
}

/** Kinds a configured macro can take, mapped to how the pre-pass treats it. */
const MACRO_KINDS: Record<string, MacroRule> = {
  blank: { action: 'blank', args: 'none' },
  'blank-call': { action: 'blank', args: 'required' },
  unwrap: { action: 'unwrap', args: 'required' },
  // A configured block macro is taken as a lock on its argument, like Py_BEGIN_CRITICAL_SECTION.
  'block-begin': { action: 'block-begin', args: 'same-line', family: 'critical-section' },
  'block-end': { action: 'block-end', args: 'same-line', family: 'critical-section' },
  statement: { action: 'statement', args: 'same-line' },
};

const KEYS = ['select', 'ignore', 'fail-on', 'min-python', 'target-python', 'include', 'exclude', 'macros'];

/** The nearest pyproject.toml at or above `start`. */
export function findPyproject(start: string): string | null {
  let dir = path.resolve(start);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, 'pyproject.toml');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function stringList(value: unknown, key: string, source: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new ConfigError(`${source}: ${key} must be a string or a list of strings`);
}

function failOn(value: unknown, where: string): FailOn {
  if (typeof value === 'string' && (FAIL_ON as string[]).includes(value)) return value as FailOn;
  throw new ConfigError(`${where}: fail-on must be one of ${FAIL_ON.join(', ')}`);
}

function pythonVersion(value: unknown, where: string, key = 'min-python'): PythonVersion {
  const v = typeof value === 'string' ? parsePythonVersion(value) : null;
  if (v === null) throw new ConfigError(`${where}: ${key} must be a version such as "3.9"`);
  return v;
}

function macros(value: unknown, source: string): Map<string, MacroRule> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${source}: macros must be a table of NAME = "kind"`);
  }
  const table = new Map<string, MacroRule>();
  for (const [name, kind] of Object.entries(value)) {
    if (!/^[A-Za-z_]\w*$/.test(name)) throw new ConfigError(`${source}: macros: "${name}" is not a C identifier`);
    const rule = typeof kind === 'string' ? MACRO_KINDS[kind] : undefined;
    if (!rule) throw new ConfigError(`${source}: macros.${name} must be one of ${Object.keys(MACRO_KINDS).join(', ')}`);
    table.set(name, rule);
  }
  return table;
}

/** Validates a `[tool.cext-audit]` table (or a whole cext-audit TOML file). */
export function parseConfigTable(table: Record<string, unknown>, source: string): FileConfig {
  const unknown = Object.keys(table).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) throw new ConfigError(`${source}: unknown key ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
  const config: FileConfig = { source };
  if (table.select !== undefined) config.select = stringList(table.select, 'select', source);
  if (table.ignore !== undefined) config.ignore = stringList(table.ignore, 'ignore', source);
  if (table['fail-on'] !== undefined) config.failOn = failOn(table['fail-on'], source);
  if (table['min-python'] !== undefined) config.minPython = pythonVersion(table['min-python'], source);
  if (table['target-python'] !== undefined) config.targetPython = pythonVersion(table['target-python'], source, 'target-python');
  if (table.include !== undefined) config.include = stringList(table.include, 'include', source);
  if (table.exclude !== undefined) config.exclude = stringList(table.exclude, 'exclude', source);
  if (table.macros !== undefined) config.macros = macros(table.macros, source);
  return config;
}

export function readConfigFile(file: string): FileConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${file}: invalid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const isPyproject = path.basename(file) === 'pyproject.toml';
  const tool = (data.tool as Record<string, unknown> | undefined)?.['cext-audit'];
  const table = isPyproject ? ((tool ?? {}) as Record<string, unknown>) : data;
  const config = parseConfigTable(table, isPyproject ? `${file} [tool.cext-audit]` : file);
  const requires = (data.project as Record<string, unknown> | undefined)?.['requires-python'];
  if (typeof requires === 'string') config.requiresPython = lowestPython(requires) ?? undefined;
  return config;
}

/** The nearest directory at or above `start` holding a project file: the root whose setup files count. */
function projectRoot(start: string): string | null {
  let dir = path.resolve(start);
  if (!isDirectory(dir)) dir = path.dirname(dir);
  for (;;) {
    if (['pyproject.toml', 'setup.cfg', 'setup.py'].some((name) => existsSync(path.join(dir, name)))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** `python_requires` (or `python-requires`) in the [options] section of a setup.cfg. */
export function setupCfgRequires(text: string): string | null {
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) section = header[1].trim();
    const entry = section === 'options' ? /^python[-_]requires\s*[=:]\s*(.*?)\s*(?:\s[#;].*)?$/i.exec(line) : null;
    if (entry) return entry[1];
  }
  return null;
}

/** Where a line holds code: not after a `#` (a `#` inside an earlier string literal is taken as one too). */
function inCode(text: string, at: number): boolean {
  return !text.slice(text.lastIndexOf('\n', at - 1) + 1, at).includes('#');
}

/**
 * A string literal given to `python_requires` in a setup.py, as a keyword argument (maybe in
 * parentheses) or a dict key, or through a name assigned once, to a literal
 * (`PYTHON_REQUIRES = ">=3.9"`); never a computed value.
 */
export function setupPyRequires(text: string): string | null {
  const given = /(?:\bpython_requires\s*=|(['"])python_requires\1\s*:)\s*(?:\(\s*)?(?:[rRuU]?(['"])([^'"\n]*)\2|([A-Za-z_]\w*)\b(?!\s*[.(\[]))/g;
  for (const m of text.matchAll(given)) {
    if (!inCode(text, m.index)) continue;
    if (m[3] !== undefined) return m[3];
    const assigned = [...text.matchAll(new RegExp(`^[ \\t]*${m[4]}\\s*=(?!=)\\s*(.*)$`, 'gm'))];
    const literal = assigned.length === 1 ? /^[rRuU]?(['"])([^'"]*)\1\s*(?:#.*)?$/.exec(assigned[0][1].trim()) : null;
    if (literal) return literal[2];
  }
  return null;
}

/**
 * The minimum Python a setuptools project states, read as text and never run: setup.cfg first
 * (setuptools applies it over the arguments of setup()), then setup.py.
 */
export function setuptoolsMinPython(root: string): { version: PythonVersion; source: string } | null {
  const readers: [string, (text: string) => string | null][] = [
    ['setup.cfg', setupCfgRequires],
    ['setup.py', setupPyRequires],
  ];
  for (const [name, read] of readers) {
    const file = path.join(root, name);
    const text = readText(file);
    const specifier = text === null ? null : read(text);
    const version = specifier === null ? null : lowestPython(specifier);
    if (version !== null) return { version, source: `python_requires in ${file}` };
  }
  return null;
}

/** The oldest Python the flags or the project state, and where; null when nothing does. */
function statedMinPython(flags: Flags, file: FileConfig | null): { version: PythonVersion; source: string } | null {
  if (flags.minPython !== undefined) return { version: pythonVersion(flags.minPython, '--min-python'), source: '--min-python' };
  if (file?.minPython) return { version: file.minPython, source: `min-python in ${file.source}` };
  if (file?.requiresPython) return { version: file.requiresPython, source: `requires-python in ${file.source.replace(/ \[tool\.cext-audit\]$/, '')}` };
  const root = projectRoot(path.resolve(flags.cwd ?? '.', flags.paths[0] ?? '.'));
  return root === null ? null : setuptoolsMinPython(root);
}

export function resolveOptions(flags: Flags, file: FileConfig | null): Options {
  const stated = statedMinPython(flags, file);
  return {
    paths: flags.paths.length > 0 ? flags.paths : ['.'],
    select: flags.select ?? file?.select ?? [],
    ignore: flags.ignore ?? file?.ignore ?? [],
    failOn: flags.failOn ?? file?.failOn ?? 'warning',
    minPython: stated?.version ?? DEFAULT_MIN_PYTHON,
    minPythonSource: stated?.source ?? 'default: no requires-python or python_requires found',
    targetPython:
      flags.targetPython !== undefined
        ? pythonVersion(flags.targetPython, '--target-python', 'target-python')
        : (file?.targetPython ?? DEFAULT_TARGET_PYTHON),
    include: flags.include ?? file?.include ?? [],
    exclude: [...(file?.exclude ?? []), ...(flags.exclude ?? [])],
    macros: file?.macros ?? new Map<string, MacroRule>(),
    configFile: file?.source ?? null,
  };
}

