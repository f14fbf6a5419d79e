/** The official SARIF 2.1.0 schema, compiled once for every test that checks a log. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);
// A CommonJS class export: taken with require, typed by its declaration.
const Ajv04 = require('ajv-draft-04') as typeof AjvDraft04.default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The official SARIF 2.1.0 schema is draft-04 and uses formats ajv does not check; validate the structure.
// One of its patterns (the language tag) is not valid with the u flag, so patterns are compiled without it.
export const validateSarif = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
