/**
 * File selection against git itself: for trees with .gitignore files at several depths, the C
 * files discover() returns must be the untracked files `git ls-files --others --exclude-standard`
 * lists, for the whole checkout and for a subdirectory of it. git runs with an empty HOME and no
 * system config, so only the repository's own ignore files count, as they do for discover().
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { discover } from '../src/discover.js';
import { tempDir } from './support/temp.js';

const home = tempDir('git-home-');
const GIT_ENV = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(home, 'none') };

function git(cwd: string, args: string[]): string {
  const run = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** A git repository holding `files` (relative path → content), nothing committed. */
function repository(files: Record<string, string>): string {
  const root = tempDir('discover-');
  git(root, ['init', '-q']);
  for (const [relative, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), content);
  }
  return root;
}

/** The C files git does not ignore under `sub` (relative to the root), as discover() names them from `sub`. */
function gitSelection(root: string, sub: string): string[] {
  const listed = git(path.join(root, sub), ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']);
  return listed
    .split('\0')
    .filter((f) => f.endsWith('.c'))
    .sort();
}

function ourSelection(root: string, sub: string): string[] {
  const cwd = path.join(root, sub);
  return discover({ paths: ['.'], include: [], exclude: [], cwd })
    .filter((f) => f.kind === 'source')
    .map((f) => f.file)
    .sort();
}

describe('file selection follows git', () => {
  it('reads nested .gitignore files, negations, anchors, directory patterns and .git/info/exclude as git does', () => {
    const root = repository({
      '.gitignore': '*.gen.c\n/top.c\nlogs/\n!keep.gen.c\n',
      '.git/info/exclude': 'local.c\n',
      'top.c': '',
      'src/top.c': '',
      'src/a.c': '',
      'src/a.gen.c': '',
      'src/keep.gen.c': '',
      'src/local.c': '',
      'src/logs/x.c': '',
      'src/.gitignore': '!a.gen.c\nsecret/\n',
      'src/secret/s.c': '',
      'src/deep/.gitignore': '*\n!*.c\n!*/\n',
      'src/deep/d.c': '',
      'src/deep/more/e.c': '',
      'vendor/lib/v.c': '',
      'vendor/lib/.gitignore': '/v.c\n',
      'logs/at-root.c': '',
    });
    try {
      assert.deepEqual(ourSelection(root, '.'), gitSelection(root, '.'));
      assert.deepEqual(ourSelection(root, '.'), ['src/a.c', 'src/a.gen.c', 'src/deep/d.c', 'src/deep/more/e.c', 'src/keep.gen.c', 'src/top.c']);
      assert.deepEqual(ourSelection(root, 'src'), gitSelection(root, 'src'), 'the ignore files above the scanned directory apply too');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('lets a deeper .gitignore re-include a directory a shallower one excludes, as git does', () => {
    const root = repository({ '.gitignore': 'a/\n', 'b/.gitignore': '!*/\n', 'b/a/x.c': '', 'a/y.c': '', 'x.c': '' });
    try {
      assert.deepEqual(ourSelection(root, '.'), gitSelection(root, '.'));
      assert.deepEqual(ourSelection(root, '.'), ['b/a/x.c', 'x.c']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('agrees with git on random trees and ignore files', () => {
    const names = ['a', 'b', 'gen'];
    const files = ['x.c', 'y.c', 'a.c', 'gen.c'];
    const patterns = ['*.c', '!x.c', 'a', 'a/', '/b', 'b/**', '**/gen', 'gen.c', '!gen.c', 'y*', '!a/', '*/x.c', '!*/', '\\!x.c', 'a/**/y.c', '# a comment', '', ' x.c'];
    const dir = fc.array(fc.constantFrom(...names), { minLength: 0, maxLength: 3 }).map((parts) => parts.join('/'));
    const tree = fc.record({
      sources: fc.uniqueArray(fc.tuple(dir, fc.constantFrom(...files)).map(([d, f]) => (d === '' ? f : `${d}/${f}`)), { minLength: 1, maxLength: 12 }),
      ignores: fc.array(fc.tuple(dir, fc.array(fc.constantFrom(...patterns), { minLength: 1, maxLength: 4 })), { maxLength: 4 }),
      sub: fc.constantFrom('.', 'a', 'b'),
    });
    fc.assert(
      fc.property(tree, ({ sources, ignores, sub }) => {
        const layout: Record<string, string> = Object.fromEntries(sources.map((s) => [s, '']));
        for (const [d, lines] of ignores) layout[d === '' ? '.gitignore' : `${d}/.gitignore`] = `${lines.join('\n')}\n`;
        // A directory must exist before git or we can list it.
        layout[sub === '.' ? 'keep.txt' : `${sub}/keep.txt`] = '';
        const root = repository(layout);
        try {
          assert.deepEqual(ourSelection(root, sub), gitSelection(root, sub), JSON.stringify(layout));
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 100 },
    );
  });
});
