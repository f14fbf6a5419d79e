import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version, from package.json (two levels up from dist/src). */
export const VERSION: string = (require('../../package.json') as { version: string }).version;

/** Where users learn about the tool (SARIF's tool.driver.informationUri); package.json names no homepage yet. */
export const INFORMATION_URI = 'https://github.com/cext-audit/cext-audit';
