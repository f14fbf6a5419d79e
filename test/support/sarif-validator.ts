/**
 * The two checks every SARIF log of the suite goes through: the official SARIF 2.1.0 JSON
 * schema (fast, per log), and Microsoft's SARIF multitool `validate` with the SARIF authoring
 * rules and GitHub's ingestion rules (about a second per run, so logs are validated in batches).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type AjvDraft04 from 'ajv-draft-04';
import { tempDir } from './temp.js';

const require = createRequire(import.meta.url);
// A CommonJS class export: taken with require, typed by its declaration.
const Ajv04 = require('ajv-draft-04') as typeof AjvDraft04.default;
const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
// The official SARIF 2.1.0 schema is draft-04 and uses formats ajv does not check; validate the structure.
// One of its patterns (the language tag) is not valid with the u flag, so patterns are compiled without it.
const compiled = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);

/** The schema errors of a parsed log, empty when it is valid. */
export function schemaErrors(log: unknown): string[] {
  return compiled(log) ? [] : (compiled.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export interface ValidatorResult {
  /** The log the result is about, as an absolute path. */
  file: string;
  ruleId: string;
  level: string;
  message: string;
}

type Multitool = { path: string } | { skip: string };

/**
 * The validator's binary, made executable: npm does not run the package's postinstall chmod.
 * Microsoft publishes it for linux, darwin and win32 on x64 and arm64 only.
 */
export function multitool(): Multitool {
  let binary: string;
  try {
    // The package exports the path of the binary for the current platform.
    binary = require('@microsoft/sarif-multitool') as string;
  } catch {
    return { skip: `@microsoft/sarif-multitool has no binary for ${process.platform}-${process.arch}` };
  }
  chmodSync(binary, statSync(binary).mode | 0o100);
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) {
    return { skip: `the SARIF multitool cannot run on ${process.platform}-${process.arch}: ${probe.error?.message ?? probe.stderr.trim()}` };
  }
  return { path: binary };
}

interface Notification {
  message: { text: string };
  descriptor?: { id: string };
}

interface ValidatorLog {
  runs: {
    invocations?: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: Notification[];
      toolConfigurationNotifications?: Notification[];
    }[];
    tool: { driver: { rules?: { defaultConfiguration?: { level?: string }; messageStrings?: Record<string, { text: string }> }[] } };
    results?: {
      ruleId: string;
      ruleIndex?: number;
      level?: string;
      message: { text?: string; id?: string; arguments?: string[] };
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
    }[];
  }[];
}

/**
 * SARIF2006 fetches every helpUri over HTTP: a note at best, and it would make the suite depend on
 * the network (offline it still costs half a second a log waiting for failed look-ups).
 */
const CONFIGURATION = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/** Runs `validate` once over all the logs and returns what it reported at error and warning level. */
export function validate(binary: string, files: readonly string[]): ValidatorResult[] {
  const dir = tempDir('multitool-');
  const output = path.join(dir, 'validation.sarif');
  const configuration = path.join(dir, 'configuration.xml');
  writeFileSync(configuration, CONFIGURATION);
  const run = spawnSync(
    binary,
    [
      'validate',
      ...files,
      // Sarif: the specification's authoring rules; Ghas: GitHub's ingestion rules. Notes (advice such
      // as "prefer message ids to text") are left out.
      ...['--rule-kind', 'Sarif;Ghas', '--level', 'Error;Warning', '--config', configuration],
      ...['--output', output, '--log', 'ForceOverwrite'],
    ],
    // Its console output repeats the log it writes, and could outgrow spawnSync's buffer.
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
  );
  if (run.error) throw run.error;
  const log = JSON.parse(readFileSync(output, 'utf8')) as ValidatorLog;
  const validation = log.runs[0];
  const invocation = validation.invocations?.[0];
  // Any other configuration notification means a log was skipped (over 10 MB, say), not validated.
  const problems = [...(invocation?.toolConfigurationNotifications ?? []), ...(invocation?.toolExecutionNotifications ?? [])].filter(
    (n) => n.descriptor?.id !== 'WRN999.RuleExplicitlyDisabled',
  );
  if (!invocation?.executionSuccessful || problems.length > 0) {
    throw new Error(`the SARIF multitool failed (exit ${run.status}): ${problems.map((n) => n.message.text).join(' ')} ${run.stderr}`);
  }
  const rules = validation.tool.driver.rules ?? [];
  return (validation.results ?? []).map((r) => {
    const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '';
    const rule = r.ruleIndex !== undefined ? rules[r.ruleIndex] : undefined;
    // The validator writes message ids and arguments; its rules hold the templates.
    const template = r.message.text ?? rule?.messageStrings?.[r.message.id ?? '']?.text ?? `${r.message.id ?? ''} {0}`;
    return {
      file: uri.startsWith('file:') ? fileURLToPath(uri) : uri,
      ruleId: r.ruleId,
      // SARIF's default when neither the result nor its rule names a level.
      level: r.level ?? rule?.defaultConfiguration?.level ?? 'warning',
      message: template.replace(/\{(\d+)\}/g, (_, i: string) => r.message.arguments?.[Number(i)] ?? ''),
    };
  });
}
