/** The rule registry is built by loading every module of `rules/`; the engine never knows a rule by name. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Rule } from './rule.js';

const RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

export async function loadRules(dir: string = RULES_DIR): Promise<Rule[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  // Imported together: one at a time, each waits for the loader to finish the one before.
  const modules = (await Promise.all(files.map((file) => import(pathToFileURL(path.join(dir, file)).href)))) as { default?: Rule }[];
  const rules: Rule[] = [];
  const ids = new Set<string>();
  for (const [i, file] of files.entries()) {
    const rule = modules[i].default;
    if (!rule || typeof rule.id !== 'string') throw new Error(`rules/${file} does not export a rule as its default export`);
    if (rule.id !== path.basename(file, '.js')) throw new Error(`rules/${file} exports rule "${rule.id}"; the file name must equal the id`);
    if (ids.has(rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    rules.push(rule);
  }
  return rules;
}

/**
 * The rules a `--select`/`--ignore` pair enables. Entries are rule ids or categories;
 * preview rules run only when selected by id. Unknown entries are returned for the caller to report.
 */
export function selectRules(
  rules: readonly Rule[],
  select: readonly string[],
  ignore: readonly string[],
): { rules: Rule[]; unknown: string[] } {
  const known = new Set(rules.flatMap((r) => [r.id, r.category]));
  const unknown = [...select, ...ignore].filter((s) => !known.has(s));
  const chosen = rules.filter((r) => {
    const selected =
      select.length === 0 ? r.status === 'stable' : select.includes(r.id) || (select.includes(r.category) && r.status === 'stable');
    return selected && !ignore.includes(r.id) && !ignore.includes(r.category);
  });
  return { rules: chosen, unknown };
}
