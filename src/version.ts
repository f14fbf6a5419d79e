import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The package version, from package.json (two levels up from dist/src). */
export const VERSION: string = (require('../../package.json') as { version: string }).version;

/** Where users learn about the tool (SARIF's tool.driver.informationUri); package.json names no homepage yet. */
export const INFORMATION_URI = 'https://github.com/cext-audit/cext-audit';

/**
 * A hash of the tool's own compiled code: the content cache is keyed by it as well as by the
 * version, so a cache written by other code (a checkout rebuilt between releases) is never read.
 */
export function codeHash(): string {
  const hash = createHash('sha256');
  for (const dir of CODE_DIRS) {
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).sort()) {
      hash.update(file).update('\0').update(readFileSync(path.join(dir, file))).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

const CODE_DIRS = [fileURLToPath(new URL('.', import.meta.url)), fileURLToPath(new URL('../rules/', import.meta.url))];
