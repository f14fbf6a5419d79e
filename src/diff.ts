/**
 * Diff mode: the lines changed since a git ref, so a pull request on a legacy codebase is only
 * told about what it touches. Reads `git diff`, never writes to the repository.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import parseDiff from 'parse-diff';
import type { Finding } from './engine/rule.js';

export class DiffError extends Error {}

/** Added or changed lines (1-based, in the current files) per absolute path; 'all' for a new file. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 2 ** 20 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    throw new DiffError(stderr || (error as Error).message);
  }
}

export function changedLines(base: string, cwd: string): ChangedLines {
  const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const diff = git(['diff', '--unified=0', '--no-color', '--no-ext-diff', base, '--'], root);
  const changed: ChangedLines = new Map();
  for (const file of parseDiff(diff)) {
    if (file.deleted || file.to === undefined || file.to === '/dev/null') continue;
    const lines = new Set<number>();
    for (const chunk of file.chunks) for (const change of chunk.changes) if (change.type === 'add') lines.add(change.ln);
    changed.set(path.resolve(root, file.to), lines);
  }
  // Files git does not track yet are new in their entirety.
  for (const untracked of git(['ls-files', '--others', '--exclude-standard'], root).split('\n').filter(Boolean)) {
    changed.set(path.resolve(root, untracked), 'all');
  }
  return changed;
}

/** The findings that start on a changed line (any line of a new file). */
export function onChangedLines(findings: readonly Finding[], changed: ChangedLines, cwd: string): Finding[] {
  return findings.filter((f) => {
    const lines = changed.get(path.resolve(cwd, f.file));
    return lines === 'all' || (lines !== undefined && lines.has(f.range.startLine));
  });
}
