/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every enabled rule described (help text,
 * guide link, default level, tags, precision), results (most severe first) with ruleIndex, %SRCROOT%-relative
 * URIs and 1-based regions, and partial fingerprints that do not change when unrelated lines
 * are added above a finding. Files that could not be audited become tool notifications.
 * The log always stays within what code scanning accepts: past its limits the least severe
 * results are left out, and a notification says how many and why.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SEVERITIES, sinceText, type Finding, type Rule } from '../engine/rule.js';
import { compareFindings, type AuditResult } from '../engine/runner.js';
import { fingerprints } from '../engine/fingerprints.js';
import { INFORMATION_URI } from '../version.js';
import { printableJson } from './printable.js';

/**
 * What GitHub code scanning accepts in one upload: past any of these it rejects the whole file.
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#validating-your-sarif-file
 * (the table is data/reusables/code-scanning/sarif-limits.md in github/docs). Only 5,000 results
 * of a run are shown, "prioritized by severity" (github/docs#38085 doubts it): results are
 * written most severe first either way.
 */
export const GITHUB_LIMITS = {
  resultsPerRun: 25_000,
  /** "Location per result". The page does not say whether related locations count, so they count with the primary one. */
  locationsPerResult: 1_000,
  /** "For each gzip-compressed SARIF file, SARIF upload supports a maximum size of 10 MB": read in decimal, the smaller reading. */
  gzipBytes: 10_000_000,
} as const;

/** upload-sarif adds a line-hash fingerprint to every result before it compresses the log: leave room for it. */
const GZIP_BUDGET = GITHUB_LIMITS.gzipBytes * 0.9;

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export interface SarifOptions {
  version: string;
  /** The file's text, for fingerprints; null when it cannot be read any more. */
  source(file: string): string | null;
  /** Code scanning keeps one set of alerts per category: set it when several runs are uploaded. */
  category?: string;
  /** The directory relative URIs are relative to: code scanning needs it to place a file named by an absolute URI. */
  workingDirectory?: string;
}

/** `module-missing-gil-slot` → `ModuleMissingGilSlot`. */
function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** A path as a URI reference: relative ones against %SRCROOT%, absolute ones as file: URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return path.isAbsolute(file) ? { uri: `file://${encoded}` } : { uri: encoded, uriBaseId: '%SRCROOT%' };
}

/** `id` names a category when it ends in a slash, as github/codeql-action/upload-sarif writes it. */
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

function region(range: Finding['range']) {
  return { startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn };
}

function help(rule: Rule): { text: string; markdown: string } {
  const d = rule.docs;
  const text = `${d.what}\n\n${d.why}\n\nExample:\n${d.example}\n\nUse instead:\n${d.useInstead}\n\nReplacement: ${rule.replacement} (since ${sinceText(rule)}); pythoncapi_compat.h: ${rule.compat}.`;
  const markdown = [
    d.what,
    '',
    `**Why is this bad?** ${d.why}`,
    '',
    '**Example**',
    '```c',
    d.example,
    '```',
    '**Use instead**',
    '```c',
    d.useInstead,
    '```',
    `**Replacement:** ${rule.replacement} (since ${sinceText(rule)}); pythoncapi_compat.h: ${rule.compat}.`,
    '',
    `[CPython 3.14 guide](${rule.guide})`,
  ].join('\n');
  return { text, markdown };
}

/** One result to write: the finding, whether a comment silences it, and its fingerprint. */
interface Entry {
  finding: Finding;
  suppressed: boolean;
  fingerprint: string;
}

/**
 * Most important first, which is the order results are dropped in from the end: findings before
 * suppressed ones (already dismissed in source), then by severity, then by place.
 */
function byImportance(a: Entry, b: Entry): number {
  return (
    Number(a.suppressed) - Number(b.suppressed) ||
    SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) ||
    compareFindings(a.finding, b.finding)
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `3 warnings, 10 notes, 1 suppressed`: what the left-out results were. */
function describeLeftOut(entries: readonly Entry[]): string {
  const active = entries.filter((e) => !e.suppressed);
  const parts = SEVERITIES.map((severity) => [active.filter((e) => e.finding.severity === severity).length, severity] as const)
    .filter(([count]) => count > 0)
    .map(([count, severity]) => plural(count, severity));
  const suppressed = entries.length - active.length;
  return [...parts, ...(suppressed > 0 ? [`${suppressed} suppressed`] : [])].join(', ');
}

function leftOutNotification(entries: readonly Entry[], kept: number) {
  const reason =
    entries.length > GITHUB_LIMITS.resultsPerRun && kept === GITHUB_LIMITS.resultsPerRun
      ? `GitHub code scanning rejects a run with more than ${GITHUB_LIMITS.resultsPerRun} results`
      : `GitHub code scanning rejects a log larger than ${GITHUB_LIMITS.gzipBytes / 1_000_000} MB compressed`;
  return {
    level: 'warning',
    message: {
      text: `Only the ${plural(kept, 'most severe result')} of ${entries.length} are in this log (left out: ${describeLeftOut(entries.slice(kept))}): ${reason}. Audit fewer files or select fewer rules to see the rest.`,
    },
  };
}

function cutRelatedNotification(cut: number) {
  const kept = GITHUB_LIMITS.locationsPerResult - 1;
  return {
    level: 'warning',
    message: {
      text: `${plural(cut, 'result')} had more than ${kept} related locations; only the first ${kept} of each are in this log: GitHub code scanning rejects a result with more than ${GITHUB_LIMITS.locationsPerResult} locations.`,
    },
  };
}

function sarifResult({ finding: f, suppressed, fingerprint }: Entry, index: ReadonlyMap<string, number>) {
  const related = f.related.slice(0, GITHUB_LIMITS.locationsPerResult - 1);
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.fix ? `${f.message}.\nFix: ${f.fix}` : `${f.message}.` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f.range) } }],
    partialFingerprints: { 'cextAudit/v1': fingerprint },
    ...(suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
    ...(related.length > 0
      ? {
          relatedLocations: related.map((r, id) => ({
            id,
            message: { text: r.message },
            physicalLocation: { artifactLocation: artifactLocation(r.file), region: region(r.range) },
          })),
        }
      : {}),
  };
}

export function formatSarif(result: AuditResult, rules: readonly Rule[], options: SarifOptions): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // Suppressed findings stay in the log, marked, so code scanning shows them as dismissed in source.
  const all = [...result.findings.map((f) => ({ f, suppressed: false })), ...result.suppressed.map((f) => ({ f, suppressed: true }))];
  // Fingerprints number repeated lines in the audit's order, so they are taken before reordering.
  const prints = fingerprints(all.map((x) => x.f), options.source);
  const entries = all.map(({ f, suppressed }, i): Entry => ({ finding: f, suppressed, fingerprint: prints[i] })).sort(byImportance);
  const skipped = result.skipped.map((s) => ({
    level: 'warning',
    message: { text: `${s.file} was not audited: ${s.reason}.` },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.file) } }],
  }));
  const driver = {
    name: 'cext-audit',
    version: options.version,
    semanticVersion: options.version,
    informationUri: INFORMATION_URI,
    rules: rules.map((r) => ({
      id: r.id,
      name: pascalCase(r.id),
      shortDescription: { text: r.docs.what },
      fullDescription: { text: r.docs.why },
      help: help(r),
      helpUri: r.guide,
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { tags: ['free-threading', r.category], precision: r.precision },
    })),
  };
  const results = entries.map((e) => sarifResult(e, index));
  const log = (kept: number): string => {
    const cut = entries.slice(0, kept).filter((e) => e.finding.related.length > GITHUB_LIMITS.locationsPerResult - 1).length;
    const notifications = [
      ...(kept < entries.length ? [leftOutNotification(entries, kept)] : []),
      ...(cut > 0 ? [cutRelatedNotification(cut)] : []),
      ...skipped,
    ];
    const run = {
      tool: { driver },
      ...(options.category !== undefined ? { automationDetails: { id: automationId(options.category) } } : {}),
      invocations: [
        {
          executionSuccessful: true,
          toolExecutionNotifications: notifications,
          ...(options.workingDirectory !== undefined ? { workingDirectory: { uri: pathToFileURL(`${options.workingDirectory.replace(/\/$/, '')}/`).href } } : {}),
        },
      ],
      // The verdict per module, for whoever reads the log beyond code scanning's alerts.
      properties: { modules: result.modules.map(({ name, initStyle, declared, verdict, file, findings }) => ({ name, initStyle, declared, verdict, file, findings })) },
      results: results.slice(0, kept),
    };
    return `${printableJson(JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2))}\n`;
  };
  return largestFitting(Math.min(entries.length, GITHUB_LIMITS.resultsPerRun), log);
}

/**
 * The log with as many results as fit the compressed-size budget. Each retry scales the count
 * by how far the last attempt overshot, so a log far too large takes a few gzip passes, not one per result.
 */
function largestFitting(count: number, log: (kept: number) => string): string {
  const text = log(count);
  const size = gzipSync(text).length;
  if (size <= GZIP_BUDGET || count === 0) return text;
  return largestFitting(Math.min(count - 1, Math.floor((count * GZIP_BUDGET) / size)), log);
}
