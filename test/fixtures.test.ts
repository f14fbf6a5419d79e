import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compare } from './support/expectations.js';
import { FIXTURES, runUnit, units } from './support/units.js';

for (const group of readdirSync(FIXTURES).sort()) {
  describe(`fixtures: ${group}`, () => {
    for (const unit of units(group)) {
      it(unit.name, async () => {
        const { result, expected } = await runUnit(unit, group);
        const { noisy, missing } = compare(expected, result.findings);
        const lines = [...noisy.map((n) => `[noisy]   ${n}`), ...missing.map((m) => `[missing] ${m}`)];
        assert.equal(lines.length, 0, `\n${lines.join('\n')}`);
      });
    }
  });
}
