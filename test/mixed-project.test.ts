import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli } from './support/cli.js';
import { schemaErrors } from './support/sarif-validator.js';

/** C, Cython, pybind11 and nanobind modules, with cibuildwheel settings: one of each verdict. */
const MIXED = fileURLToPath(new URL('../../test-fixtures/projects/mixed/', import.meta.url));

const VERDICTS: [string, string, string][] = [
  ['bind', 'pybind11', 'ready'],
  ['fast', 'cython', 'ready'],
  ['keep', 'pybind11', 'keeps-gil'],
  ['mixed.broken', 'multi-phase', 'blocked'],
  ['mixed.legacy', 'single-phase', 'not-declared'],
  ['mixed.ready', 'multi-phase', 'ready'],
  ['mixed.risky', 'multi-phase', 'declared-with-open-findings'],
  ['nbmod', 'nanobind', 'ready'],
  ['slow', 'cython', 'not-declared'],
];

function run(format: string) {
  const result = cli(['--format', format, '--no-cache'], { cwd: MIXED });
  assert.equal(result.status, 1, result.stderr);
  return result.stdout;
}

describe('a mixed project: the same verdict per module in every format', () => {
  it('json', () => {
    const report = JSON.parse(run('json')) as { modules: { name: string; initStyle: string; verdict: string }[] };
    assert.deepEqual(report.modules.map((m) => [m.name, m.initStyle, m.verdict]), VERDICTS);
  });

  it('text', () => {
    const lines = run('text').split('\n');
    const start = lines.findIndex((l) => l.startsWith('Extension modules (9)'));
    const table = lines.slice(start + 2, start + 2 + VERDICTS.length);
    assert.deepEqual(table.map((l) => l.trim().split(/\s+/)).map((cells) => [cells[0], cells[1], cells[3]]), VERDICTS);
  });

  it('sarif', () => {
    const log = JSON.parse(run('sarif')) as { runs: { properties: { modules: { name: string; initStyle: string; verdict: string }[] } }[] };
    assert.deepEqual(schemaErrors(log), []);
    assert.deepEqual(log.runs[0].properties.modules.map((m) => [m.name, m.initStyle, m.verdict]), VERDICTS);
  });

  it('markdown', () => {
    const rows = run('markdown')
      .split('\n')
      .filter((l) => l.startsWith('| ') && l.includes('`src/'))
      .filter((l) => !/^\| (?:error|warning|note) \|/.test(l))
      .map((l) => l.split(' | ').map((c) => c.replace(/^\| /, '')));
    const shown: Record<string, string> = { ready: 'ready', 'keeps-gil': 'keeps the GIL', blocked: '**blocked**', 'not-declared': 'not declared', 'declared-with-open-findings': '**declared with open findings**' };
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[3]]), VERDICTS.map(([name, by, verdict]) => [name, by, shown[verdict]]));
  });
});
