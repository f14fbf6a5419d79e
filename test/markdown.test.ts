import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MARKDOWN_FINDINGS } from '../src/report/markdown.js';
import { cli, DECLARED, project, UNDECLARED } from './support/cli.js';

/** The cells of a GFM table row, split where the renderer splits them: at pipes not escaped. */
function cells(row: string): string[] {
  return row
    .replace(/^\| | \|$/g, '')
    .split(/(?<!\\) \| /)
    .map((c) => c.replace(/\\\|/g, '|'));
}

/** The rows under the heading `heading`, header and delimiter row left out. */
function tableAfter(markdown: string, heading: RegExp): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  assert.ok(start >= 0, `no ${heading} in\n${markdown}`);
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('|')) rows.push(line);
    else if (rows.length > 0) break;
  }
  return rows.slice(2).map(cells);
}

function summaryOf(files: Record<string, string>, args: string[] = []): { markdown: string; root: string } {
  const root = project({ ...files, 'summary.md': '## an earlier step\n' });
  const run = cli(['--format', 'github', ...args], { cwd: root, env: { GITHUB_STEP_SUMMARY: path.join(root, 'summary.md') } });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return { markdown: readFileSync(path.join(root, 'summary.md'), 'utf8'), root };
}

describe('GitHub step summary', () => {
  it('appends readiness per module, counts by rule and the findings, after what earlier steps wrote', () => {
    const { markdown } = summaryOf({ 'src/a|b.c': UNDECLARED, 'src/ok.c': DECLARED.replace(/_speedups/g, '_ok') });
    assert.ok(markdown.startsWith('## an earlier step\n## cext-audit'), markdown);
    const modules = tableAfter(markdown, /^## cext-audit/);
    assert.deepEqual(
      modules.map((m) => [m[0], m[2], m[3], m[5]]),
      [
        ['demo._ok', 'yes', 'ready', '`src/ok.c`'],
        ['demo._speedups', '**no**', 'not declared', '`src/a|b.c`'],
      ],
    );
    assert.ok(modules.every((m) => m.length === 6));
    const byRule = tableAfter(markdown, /^### Findings by rule/);
    assert.deepEqual(byRule[0].slice(1), ['error', '1']);
    assert.match(byRule[0][0], /^\[module-missing-gil-slot\]\(https:\/\/docs\.python\.org\/3\.14\/howto\/free-threading-extensions\.html#/);
    const findings = tableAfter(markdown, /^### Findings$/);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].length, 4);
    assert.match(findings[0][1], /^`src\/a\|b\.c:\d+:\d+`$/);
  });

  it('lists the most severe findings first, at most a fixed number, and says where the rest are', () => {
    const many = Array.from({ length: MARKDOWN_FINDINGS + 5 }, (_, i) => `static PyObject *get${i}(PyObject *d, PyObject *k) { return PyDict_GetItem(d, k); }`).join('\n');
    const { markdown } = summaryOf({ 'a.c': `${UNDECLARED}\n${many}\n` });
    const heading = `### The ${MARKDOWN_FINDINGS} most severe findings of ${MARKDOWN_FINDINGS + 6}`;
    const top = tableAfter(markdown, new RegExp(`^${heading}$`));
    assert.equal(top.length, MARKDOWN_FINDINGS);
    assert.equal(top[0][0], 'error');
    assert.ok(top.slice(1).every((row) => row[0] === 'warning'));
    assert.match(markdown, /--sarif FILE/);
  });

  it('says so on a clean run, and is not written with --no-step-summary or without the variable', () => {
    assert.match(summaryOf({ 'a.c': DECLARED }).markdown, /^No findings in 1 file\(s\)\.$/m);
    assert.equal(summaryOf({ 'a.c': UNDECLARED }, ['--no-step-summary']).markdown, '## an earlier step\n');
    const root = project({ 'a.c': UNDECLARED });
    writeFileSync(path.join(root, 'summary.md'), '');
    cli(['--format', 'github'], { cwd: root, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(readFileSync(path.join(root, 'summary.md'), 'utf8'), '');
  });
});
