/**
 * What git ignores, read as git reads it: each `.gitignore` speaks for the paths under its own
 * directory, a deeper one overrides a shallower one, `.git/info/exclude` comes below them all,
 * and nothing under an ignored directory is looked at again (git does not descend into it).
 * The user's global excludes file is not read: the audit of a checkout selects the same files on
 * every machine.
 *
 * The rules of all the files that apply in a directory are held as one list, each rewritten to
 * speak from one root (`x.c` in `b/.gitignore` becomes `b/**\/x.c`), shallowest first: the last
 * rule that matches decides, as in git, and a rule cannot re-include what sits in an excluded
 * directory of any file's.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The rules in force in a directory, and the directory all their paths are relative to. */
export interface IgnoreRules {
  /** With a trailing separator: every path tested lies under it. */
  root: string;
  rules: Ignore;
}

/**
 * One line of an ignore file in `dir` (relative to the root, forward slashes; empty for the
 * root), as a rule of the root's: a pattern with a slash before its end is anchored to `dir`,
 * one without matches at any depth below it. Blank lines and comments are no rules.
 */
export function rootedRule(line: string, dir: string): string | null {
  if (line.trim() === '' || line.startsWith('#')) return null;
  if (dir === '') return line;
  const negated = line.startsWith('!');
  const pattern = negated ? line.slice(1) : line;
  const anchored = pattern.replace(/\/+$/, '').includes('/');
  return `${negated ? '!' : ''}${dir}/${anchored ? pattern.replace(/^\//, '') : `**/${pattern}`}`;
}

function readLines(file: string): string[] | null {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  } catch {
    return null;
  }
}

function relative(root: string, absolute: string): string {
  return absolute.slice(root.length).split(path.sep).join('/');
}

/** `rules` with those of the ignore file `file` in `dir` after them; `rules` itself when there is none. */
export function withIgnoreFile(rules: IgnoreRules, file: string, dir: string): IgnoreRules {
  const lines = readLines(file);
  if (lines === null) return rules;
  const prefix = relative(rules.root, dir.endsWith(path.sep) ? dir.slice(0, -1) : dir);
  const added = lines.map((line) => rootedRule(line, prefix)).filter((rule): rule is string => rule !== null);
  return added.length === 0 ? rules : { root: rules.root, rules: ignore().add(rules.rules).add(added) };
}

/** The directory holding `.git` at or above `dir`, or null outside a repository. */
function repositoryRoot(dir: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (current === path.dirname(current)) return null;
  }
}

/**
 * The rules in force for the entries of `scanRoot` before its own `.gitignore` is read:
 * `.git/info/exclude` and the `.gitignore` files of the directories from the repository's root
 * down to `scanRoot`'s parent, relative to the repository's root (`scanRoot` outside one).
 */
export function inheritedRules(scanRoot: string): IgnoreRules {
  const top = repositoryRoot(scanRoot) ?? scanRoot;
  let rules: IgnoreRules = { root: top.endsWith(path.sep) ? top : top + path.sep, rules: ignore() };
  rules = withIgnoreFile(rules, path.join(top, '.git', 'info', 'exclude'), top);
  const between: string[] = [];
  for (let dir = scanRoot; dir !== top; dir = path.dirname(dir)) between.unshift(path.dirname(dir));
  for (const dir of between) rules = withIgnoreFile(rules, path.join(dir, '.gitignore'), dir);
  return rules;
}

/** Whether git ignores the entry at `absolute` (a directory when `isDirectory`). */
export function isIgnored(rules: IgnoreRules, absolute: string, isDirectory: boolean): boolean {
  const name = relative(rules.root, absolute);
  return rules.rules.ignores(isDirectory ? `${name}/` : name);
}
