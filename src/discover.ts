/** File selection: the C sources under the given paths, minus what git ignores and build output. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { inheritedRules, isIgnored, withIgnoreFile, type IgnoreRules } from './gitignore.js';
import type { SourceFile } from './engine/runner.js';
import { BUILD_FILE_NAMES, WORKFLOW_PATTERNS } from './facts/build-files.js';
import { languageOf, SOURCE_PATTERNS } from './source/languages.js';

export class DiscoveryError extends Error {}

/** Directories that hold dependencies, build output or tool state, never the project's own sources. */
export const DEFAULT_EXCLUDES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/build/**',
  '**/_build/**',
  '**/builddir/**',
  '**/_skbuild/**',
  '**/.mesonpy-*/**',
  '**/.tox/**',
  '**/.nox/**',
  '**/.venv/**',
  '**/venv/**',
  '**/.eggs/**',
  '**/*.egg-info/**',
  '**/__pycache__/**',
  '**/wheelhouse/**',
  '**/.cext-audit-cache/**',
];

export interface DiscoverOptions {
  paths: readonly string[];
  include: readonly string[];
  exclude: readonly string[];
  cwd: string;
}

/** How findings name a file: relative to cwd when inside it, else absolute; always forward slashes. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join('/');
}

export function discover(options: DiscoverOptions): SourceFile[] {
  const found = new Set<string>();
  const buildFiles = new Set<string>();
  for (const given of options.paths) {
    const absolute = path.resolve(options.cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new DiscoveryError(code === 'ENOENT' ? `${given}: no such file or directory` : `${given}: cannot read (${code})`);
    }
    if (!isDirectory) {
      // A file named on the command line is audited even if a pattern would skip it, as ruff does.
      found.add(absolute);
      continue;
    }
    // Build files decide whether a free-threaded wheel can be built; --include narrows the scan to sources.
    const patterns = options.include.length > 0 ? [...options.include] : [...SOURCE_PATTERNS, ...BUILD_FILE_NAMES.map((n) => `**/${n}`), ...WORKFLOW_PATTERNS];
    for (const absolutePath of walk(absolute, picomatch(patterns), picomatch([...DEFAULT_EXCLUDES, ...options.exclude], { dot: true }))) {
      const isSource = options.include.length > 0 || languageOf(absolutePath) !== null;
      (isSource ? found : buildFiles).add(absolutePath);
    }
  }
  const entries = (set: Set<string>, kind: 'source' | 'build') => [...set].map((p) => ({ path: p, file: displayPath(p, options.cwd), kind }));
  return [...entries(found, 'source'), ...entries(buildFiles, 'build')].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

interface Directory {
  absolute: string;
  /** Relative to the scan root, with forward slashes; empty for the root. */
  relative: string;
  ignores: IgnoreRules;
}

/**
 * The files under `root` that `wanted` matches, in one walk: directories that git ignores or
 * `excluded` matches are not entered, and symbolic links are not followed (a link may loop or
 * leave the tree). A directory that cannot be read is passed over, as git passes it over.
 */
function walk(root: string, wanted: (relative: string) => boolean, excluded: (relative: string) => boolean): string[] {
  const files: string[] = [];
  const pending: Directory[] = [{ absolute: root, relative: '', ignores: inheritedRules(root) }];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    let entries;
    try {
      entries = readdirSync(dir.absolute, { withFileTypes: true });
    } catch {
      continue;
    }
    const ignores = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? withIgnoreFile(dir.ignores, path.join(dir.absolute, '.gitignore'), dir.absolute) : dir.ignores;
    for (const entry of entries) {
      const isDirectory = entry.isDirectory();
      if (!isDirectory && !entry.isFile()) continue;
      const absolute = path.join(dir.absolute, entry.name);
      const relative = dir.relative === '' ? entry.name : `${dir.relative}/${entry.name}`;
      if (excluded(relative) || isIgnored(ignores, absolute, isDirectory)) continue;
      if (isDirectory) pending.push({ absolute, relative, ignores });
      else if (wanted(relative)) files.push(absolute);
    }
  }
  return files;
}

/** Whether every path names a file (as pre-commit passes them), not a directory. */
export function onlyFiles(paths: readonly string[], cwd: string): boolean {
  return (
    paths.length > 0 &&
    paths.every((p) => {
      try {
        return !statSync(path.resolve(cwd, p)).isDirectory();
      } catch {
        return false;
      }
    })
  );
}
