import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { loadRules } from '../src/engine/registry.js';
import { markdownRulesTable } from '../src/report/rules.js';
import { README, withRulesTable } from '../scripts/update-readme.js';

it('the README rule table matches the rule metadata (run `npm run readme` to update it)', async () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, withRulesTable(readme, markdownRulesTable(await loadRules())));
});

it('the README opens with the install-and-audit and the test commands', () => {
  const readme = readFileSync(README, 'utf8');
  const firstBlock = /```(?:sh|bash|console)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(firstBlock, /^npm ci && npx cext-audit\b/m);
  assert.match(firstBlock, /^npm test\b/m);
});
