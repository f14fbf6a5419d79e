/** Fixture units: a `.c`/`.h` file audited alone, or a directory audited as one project. */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfigFile, resolveOptions } from '../../src/config.js';
import { isBuildFile } from '../../src/facts/build-files.js';
import { loadRules } from '../../src/engine/registry.js';
import { languageOf } from '../../src/source/languages.js';
import { audit, type AuditResult } from '../../src/engine/runner.js';
import { fixtureOptions, parseExpectations, type Expectation } from './expectations.js';

export const FIXTURES = fileURLToPath(new URL('../../../test-fixtures/', import.meta.url));

export interface Unit {
  name: string;
  dir: string;
  /** Paths relative to `dir`. */
  files: string[];
}

function sourcesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const relative = prefix + e.name;
      if (e.isDirectory()) return sourcesUnder(path.join(dir, e.name), `${relative}/`);
      return languageOf(e.name) !== null || isBuildFile(relative) ? [relative] : [];
    })
    .sort();
}

export function units(group: string): Unit[] {
  const root = path.join(FIXTURES, group);
  return readdirSync(root)
    .sort()
    .flatMap((name): Unit[] => {
      const full = path.join(root, name);
      if (statSync(full).isDirectory()) return [{ name, dir: full, files: sourcesUnder(full) }];
      return languageOf(name) !== null ? [{ name, dir: root, files: [name] }] : [];
    });
}

/**
 * A fixture group named after a rule category runs only that category's rules, so each
 * family's fixtures state exactly what that family finds; any other group runs every rule.
 */
export async function rulesFor(group: string) {
  const rules = await loadRules();
  const own = rules.filter((r) => r.category === group);
  return own.length > 0 ? own : rules;
}

export async function runUnit(unit: Unit, group: string, { parseAll = false } = {}): Promise<{ result: AuditResult; expected: Expectation[] }> {
  const texts = unit.files.map((f) => readFileSync(path.join(unit.dir, f), 'utf8'));
  const pyproject = path.join(unit.dir, 'pyproject.toml');
  const isDirectoryUnit = unit.files.length !== 1 || unit.files[0] !== unit.name;
  const fileConfig = isDirectoryUnit && existsSync(pyproject) ? readConfigFile(pyproject) : null;
  const inline = isDirectoryUnit ? {} : fixtureOptions(texts[0]);
  // The unit's own path, as the CLI would be given it: a setup.py or setup.cfg there states min-python.
  const paths = [isDirectoryUnit ? unit.dir : path.join(unit.dir, unit.name)];
  const options = resolveOptions({ paths, minPython: inline['min-python'], targetPython: inline['target-python'] }, fileConfig);
  const result = await audit({
    files: unit.files.map((f) => ({ path: path.join(unit.dir, f), file: f, kind: languageOf(f) !== null ? ('source' as const) : ('build' as const) })),
    rules: await rulesFor(group),
    options: { minPython: options.minPython, targetPython: options.targetPython },
    macros: options.macros,
    parseAll,
  });
  const expected = unit.files.flatMap((f, i) => parseExpectations(f, texts[i]));
  return { result, expected };
}
