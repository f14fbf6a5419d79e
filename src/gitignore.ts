/**
 * What git ignores, read as git reads it: each `.gitignore` speaks for the paths under its own
 * directory, a deeper one overrides a shallower one, `.git/info/exclude` comes below them all,
 * and nothing under an ignored directory is looked at again (git does not descend into it).
 * The user's global excludes file is not read: the audit of a checkout selects the same files on
 * every machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The patterns of one ignore file, and the directory its paths are relative to. */
export interface IgnoreFile {
  /** The directory, with a trailing separator: every path tested lies under it. */
  base: string;
  patterns: Ignore;
}

/** The ignore files that apply in a directory, shallowest first. */
export type IgnoreStack = readonly IgnoreFile[];

/** The ignore file at `file`, or null when there is none or it cannot be read. */
export function readIgnoreFile(file: string, base: string): IgnoreFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return { base: base.endsWith(path.sep) ? base : base + path.sep, patterns: ignore().add(text.replace(/^\uFEFF/, '')) };
}

/** The directory holding `.git` at or above `dir`, or null outside a repository. */
function repositoryRoot(dir: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (current === path.dirname(current)) return null;
  }
}

/**
 * The ignore files that apply to the entries of `root` before its own `.gitignore` is read:
 * `.git/info/exclude` and the `.gitignore` files of the directories between the repository's
 * root and `root`.
 */
export function inheritedIgnores(root: string): IgnoreFile[] {
  const top = repositoryRoot(root);
  if (top === null) return [];
  const stack: IgnoreFile[] = [];
  const exclude = readIgnoreFile(path.join(top, '.git', 'info', 'exclude'), top);
  if (exclude !== null) stack.push(exclude);
  const between: string[] = [];
  for (let dir = root; dir !== top; dir = path.dirname(dir)) between.unshift(path.dirname(dir));
  for (const dir of between) {
    const file = readIgnoreFile(path.join(dir, '.gitignore'), dir);
    if (file !== null) stack.push(file);
  }
  return stack;
}

/** Whether git ignores the entry at `absolute` (a directory when `isDirectory`): the deepest file with a say decides. */
export function isIgnored(stack: IgnoreStack, absolute: string, isDirectory: boolean): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const relative = absolute.slice(stack[i].base.length).split(path.sep).join('/');
    const verdict = stack[i].patterns.test(isDirectory ? `${relative}/` : relative);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
