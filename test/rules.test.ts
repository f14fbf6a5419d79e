import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadRules, selectRules } from '../src/engine/registry.js';
import { CATEGORIES, type Rule } from '../src/engine/rule.js';
import { audit } from '../src/engine/runner.js';
import { languageOf } from '../src/source/languages.js';
import { DEFAULT_MIN_PYTHON, DEFAULT_TARGET_PYTHON } from '../src/python-version.js';
import { FIXTURES, runUnit, units } from './support/units.js';
import { tempDir } from './support/temp.js';

const rules = await loadRules();

async function findingsOf(code: string, rule: Rule) {
  const texts: Record<string, string> = { ...rule.docs.exampleContext, [rule.docs.exampleFile ?? 'example.c']: code };
  const result = await audit({
    files: Object.keys(texts).map((file) => ({ path: file, file, kind: languageOf(file) !== null ? 'source' : 'build' })),
    rules: [rule],
    options: { minPython: DEFAULT_MIN_PYTHON, targetPython: DEFAULT_TARGET_PYTHON },
    read: async (file) => new TextEncoder().encode(texts[file]),
  });
  return result.findings;
}

describe('rule metadata', () => {
  it('loads every rule, in id order', () => {
    const ids = rules.map((r) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    for (const id of ['module-missing-gil-slot', 'module-missing-set-gil', 'module-gil-used', 'gil-slot-unguarded', 'borrowed-dict-item']) {
      assert.ok(ids.includes(id), id);
    }
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('links a section of the CPython 3.14 documentation', () => {
        assert.match(rule.guide, /^https:\/\/docs\.python\.org\/3\.14\/[\w/.-]+\.html#[\w.-]+$/);
        for (const r of rule.references) assert.match(r, /^https:\/\//);
        assert.ok(CATEGORIES.includes(rule.category));
      });

      it('has complete docs', () => {
        for (const field of ['what', 'why', 'example', 'useInstead'] as const) assert.ok(rule.docs[field].length > 20, field);
        for (const field of ['replacement', 'since', 'compat', 'verified'] as const) assert.ok(rule[field].length > 0, field);
        assert.ok(Object.keys(rule.messages).length > 0);
      });

      it('fires on its example and not on its fix', async () => {
        const bad = await findingsOf(rule.docs.example, rule);
        assert.ok(bad.some((f) => f.ruleId === rule.id), `example of ${rule.id} yields no finding`);
        assert.deepEqual(await findingsOf(rule.docs.useInstead, rule), []);
      });
    });
  }

  it('has a fixture for every message of every rule', async () => {
    const seen = new Set<string>();
    for (const group of readdirSync(FIXTURES)) {
      for (const unit of units(group)) {
        for (const f of (await runUnit(unit, group)).result.findings) seen.add(`${f.ruleId}/${f.messageId}`);
      }
    }
    const unused = rules.flatMap((r) => Object.keys(r.messages).map((m) => `${r.id}/${m}`)).filter((m) => !seen.has(m));
    assert.deepEqual(unused, []);
  });
});

describe('static-state-write', () => {
  it('says whether what is written is a static or a global, and quotes the call that fills a buffer', async () => {
    const rule = rules.find((r) => r.id === 'static-state-write') as Rule;
    const code = [
      '#include <Python.h>',
      'static char reason[64];',
      'long total;',
      'static PyObject *note(PyObject *self, PyObject *arg)',
      '{',
      '    total += 1;',
      '    snprintf(reason,',
      '             sizeof reason, "%ld", total);',
      '    Py_RETURN_NONE;',
      '}',
      'static PyMethodDef methods[] = {{"note", note, METH_O, NULL}, {NULL, NULL, 0, NULL}};',
    ].join('\n');
    const messages = (await findingsOf(code, rule)).map((f) => f.message.replace(/ without the GIL.*/, ''));
    assert.deepEqual(messages, [
      'note(), which Python can call from any thread (via methods (PyMethodDef)), writes the global `total` without a lock (`total += 1`):',
      'note(), which Python can call from any thread (via methods (PyMethodDef)), writes the static `reason` without a lock (`snprintf(reason, sizeof reason, "%ld", total)`):',
    ]);
  });
});

describe('registry', () => {
  it('refuses a rule whose file name is not its id', async () => {
    const dir = tempDir('rules-');
    writeFileSync(path.join(dir, 'some-name.js'), "export default { id: 'other-name' };\n");
    await assert.rejects(loadRules(dir), /file name must equal the id/);
  });

  it('selects by id and category, ignores after selecting, and reports unknown names', () => {
    const ids = (select: string[], ignore: string[]) => selectRules(rules, select, ignore).rules.map((r) => r.id);
    assert.equal(ids([], []).length, rules.length);
    assert.deepEqual(ids(['module-gil-used'], []), ['module-gil-used']);
    assert.deepEqual(ids(['module-declaration'], ['module-gil-used', 'gil-slot-unguarded']), [
      'cython-missing-freethreading-directive',
      'module-missing-gil-slot',
      'module-missing-set-gil',
      'nanobind-missing-free-threaded',
      'pybind11-missing-mod-gil-not-used',
    ]);
    assert.deepEqual(selectRules(rules, ['nope'], ['module-gil-used', 'nada']).unknown, ['nope', 'nada']);
  });

  it('runs preview rules only when selected by id', () => {
    const preview = { ...rules[0], id: 'preview-rule', status: 'preview' } as Rule;
    const all = [...rules, preview];
    assert.ok(!selectRules(all, [], []).rules.includes(preview));
    assert.ok(!selectRules(all, ['module-declaration'], []).rules.includes(preview));
    assert.ok(selectRules(all, ['preview-rule'], []).rules.includes(preview));
  });
});
