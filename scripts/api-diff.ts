/**
 * `npm run api-diff -- OLD_INCLUDE NEW_INCLUDE [NEW_VERSION]`: reads two CPython include trees
 * (e.g. 3.12 and 3.13) and checks rules/tables/deprecated-apis.ts against them. It prints the
 * public names the old tree declares and the new one does not (candidates for "removed" rows),
 * the Py_DEPRECATED(x.y) markers of the new tree, and table rows the headers contradict (a name
 * marked removed that the new tree still declares). Internal headers (internal/) are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEPRECATED_APIS } from '../rules/tables/deprecated-apis.js';

const DECLARATION =
  /\bPyAPI_(?:FUNC|DATA)\s*\([^)]*\)\s*\**\s*([A-Za-z_]\w*)|^\s*#\s*define\s+([A-Za-z_]\w*)|\bstatic\s+inline\s+[\w\s*]+?\b([A-Za-z_]\w*)\s*\(/gm;
const DEPRECATED =
  /Py_DEPRECATED\(\s*([\d.]+)\s*\)\s*(?:PyAPI_(?:FUNC|DATA)\s*\([^)]*\)|static\s+inline\s+[\w\s*]+?)?\s*\**\s*([A-Za-z_]\w*)\s*[(;]/g;

function headers(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'internal') walk(full);
      } else if (name.endsWith('.h')) {
        found.push(full);
      }
    }
  };
  walk(root);
  return found.sort();
}

/** Public names a tree declares: functions, data, macros and static inline functions. */
export function declaredNames(root: string): Set<string> {
  const names = new Set<string>();
  for (const file of headers(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(DECLARATION)) names.add(m[1] ?? m[2] ?? m[3]);
  }
  return names;
}

export function deprecatedMarkers(root: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of headers(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(DEPRECATED)) found.set(m[2], m[1]);
  }
  return found;
}

export interface ApiDiff {
  /** Declared by the old tree, not by the new one. */
  gone: string[];
  /** Py_DEPRECATED markers of the new tree: name → version. */
  deprecated: Map<string, string>;
  /** Table rows saying "removed in <newVersion>" whose name the new tree still declares. */
  contradicted: string[];
  /** Gone names with no row in the table (candidates; many are private). */
  missingRows: string[];
  /** Py_DEPRECATED names of the new tree with no row in the table. */
  deprecatedWithoutRow: string[];
}

export function apiDiff(oldRoot: string, newRoot: string, newVersion: string | null): ApiDiff {
  const before = declaredNames(oldRoot);
  const after = declaredNames(newRoot);
  // Include guards (`Py_FOO_H`) come and go with header files, not with the API.
  const gone = [...before].filter((n) => !after.has(n) && /^_?Py/.test(n) && !/_H$/.test(n)).sort();
  const rows = new Set(DEPRECATED_APIS.map((a) => a.name));
  const contradicted = DEPRECATED_APIS.filter((a) => a.status === 'removed' && a.kind !== 'field' && (newVersion === null || a.removedIn === newVersion) && after.has(a.name)).map((a) => a.name);
  const deprecated = deprecatedMarkers(newRoot);
  return {
    gone,
    deprecated,
    contradicted,
    missingRows: gone.filter((n) => !rows.has(n)),
    deprecatedWithoutRow: [...deprecated.keys()].filter((n) => !rows.has(n)).sort(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [oldRoot, newRoot, version] = process.argv.slice(2);
  if (!oldRoot || !newRoot) {
    console.error('usage: npm run api-diff -- OLD_INCLUDE NEW_INCLUDE [NEW_VERSION]');
    process.exit(2);
  }
  const diff = apiDiff(oldRoot, newRoot, version ?? null);
  console.log(`gone from the new headers (${diff.gone.length}): ${diff.gone.join(' ')}`);
  console.log(`... of which without a table row (${diff.missingRows.length}): ${diff.missingRows.join(' ')}`);
  console.log(`Py_DEPRECATED in the new headers (${diff.deprecated.size}): ${[...diff.deprecated].map(([n, v]) => `${n}(${v})`).join(' ')}`);
  console.log(`... of which without a table row (${diff.deprecatedWithoutRow.length}): ${diff.deprecatedWithoutRow.join(' ')}`);
  console.log(`table rows the new headers contradict (${diff.contradicted.length}): ${diff.contradicted.join(' ')}`);
  process.exit(diff.contradicted.length > 0 ? 1 : 0);
}
