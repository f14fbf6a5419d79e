import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
}

describe('GitHub and pre-commit integration files', () => {
  it('action.yml is a composite action with the documented inputs and no node20 runtime', () => {
    const action = parse(read('action.yml')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).sort(), ['args', 'fail-on', 'min-python', 'paths', 'sarif-file']);
    assert.doesNotMatch(read('action.yml'), /node20/);
    const run = action.runs.steps.map((s) => s.run ?? '').join('\n');
    assert.match(run, /--format sarif --fail-on never --output "\$CEXT_AUDIT_SARIF"/);
    assert.match(run, /--format github --fail-on "\$CEXT_AUDIT_FAIL_ON"/);
    assert.ok(action.runs.steps.filter((s) => s.run).every((s) => s.shell === 'bash'));
    // Inputs reach the shell through the environment, never pasted into the script.
    assert.doesNotMatch(run, /\$\{\{/);
  });

  it('the example workflow uploads the SARIF file the action writes, with the permission it needs', () => {
    const workflow = parse(read('examples/github-workflow.yml')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Step[] }>;
    };
    assert.equal(workflow.permissions['security-events'], 'write');
    const steps = Object.values(workflow.jobs)[0].steps;
    const audit = steps.find((s) => s.uses?.includes('cext-audit'));
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.ok(audit && upload);
    assert.equal(upload.with?.sarif_file, audit.with?.['sarif-file']);
    assert.ok(read('README.md').includes(read('examples/github-workflow.yml')), 'the README shows the example as it is');
  });

  it('.pre-commit-hooks.yaml declares a node hook over C and C++ files', () => {
    const [hook] = parse(read('.pre-commit-hooks.yaml')) as { id: string; entry: string; language: string; types_or: string[] }[];
    assert.equal(hook.id, 'cext-audit');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'cext-audit');
    assert.deepEqual(hook.types_or, ['c', 'c++']);
  });
});
