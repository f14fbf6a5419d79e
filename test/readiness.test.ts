import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runUnit, units } from './support/units.js';

async function readinessOf(fixture: string) {
  const unit = units('module-declaration').find((u) => u.name === fixture);
  assert.ok(unit, fixture);
  return (await runUnit(unit, 'module-declaration')).result.modules;
}

describe('readiness: why a module is unknown', () => {
  const cases: [string, string, RegExp][] = [
    ['slot-value-macro-undefined.c', 'trie', /^the slot value TRIE_GIL_MODE could not be resolved \(no #define for it in the scanned files\)$/],
    ['runtime-m-slots-from-call.c', 'gauge', /^m_slots is set to gauge_build_slots\(…\), which the scan cannot follow$/],
    ['runtime-m-slots-other-def.c', 'dial._helper', /^no PyInit_ function found for PyModuleDef helper_module$/],
  ];
  for (const [fixture, name, because] of cases) {
    it(`${name} (${fixture})`, async () => {
      const module = (await readinessOf(fixture)).find((m) => m.name === name);
      assert.equal(module?.declared, 'unknown');
      assert.match(module?.unknownBecause ?? '', because);
    });
  }

  it('gives no reason when the declaration is known', async () => {
    for (const fixture of ['slot-value-macro-used.c', 'runtime-m-slots-declared.c', 'runtime-m-slots-undeclared.c']) {
      for (const m of await readinessOf(fixture)) assert.equal(m.unknownBecause, undefined, `${fixture}: ${m.name}`);
    }
  });
});
