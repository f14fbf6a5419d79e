/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every enabled rule described (help text,
 * guide link, default level, tags, precision), results with ruleIndex, %SRCROOT%-relative
 * URIs and 1-based regions, and partial fingerprints that do not change when unrelated lines
 * are added above a finding. Files that could not be audited become tool notifications.
 */
import path from 'node:path';
import type { Finding, Rule } from '../engine/rule.js';
import type { AuditResult } from '../engine/runner.js';
import { fingerprints } from '../engine/fingerprints.js';
import { INFORMATION_URI } from '../version.js';

const LEVEL = { error: 'error', warning: 'warning', note: 'note' } as const;

export interface SarifOptions {
  version: string;
  /** The file's text, for fingerprints; null when it cannot be read any more. */
  source(file: string): string | null;
  /** Code scanning keeps one set of alerts per category: set it when several runs are uploaded. */
  category?: string;
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
  const text = `${d.what}\n\n${d.why}\n\nExample:\n${d.example}\n\nUse instead:\n${d.useInstead}\n\nReplacement: ${rule.replacement} (CPython ${rule.since}); pythoncapi_compat.h: ${rule.compat}.`;
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
    `**Replacement:** ${rule.replacement} (CPython ${rule.since}); pythoncapi_compat.h: ${rule.compat}.`,
    '',
    `[CPython 3.14 guide](${rule.guide})`,
  ].join('\n');
  return { text, markdown };
}

export function formatSarif(result: AuditResult, rules: readonly Rule[], options: SarifOptions): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // Suppressed findings stay in the log, marked, so code scanning shows them as dismissed in source.
  const all = [...result.findings.map((f) => ({ f, suppressed: false })), ...result.suppressed.map((f) => ({ f, suppressed: true }))];
  const prints = fingerprints(all.map((x) => x.f), options.source);
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
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
          },
        },
        ...(options.category !== undefined ? { automationDetails: { id: automationId(options.category) } } : {}),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.skipped.map((s) => ({
              level: 'warning',
              message: { text: `${s.file} was not audited: ${s.reason}.` },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.file) } }],
            })),
          },
        ],
        results: all.map(({ f, suppressed }, i) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.fix ? `${f.message}.\nFix: ${f.fix}` : `${f.message}.` },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f.range) } }],
          partialFingerprints: { 'cextAudit/v1': prints[i] },
          ...(suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
          ...(f.related.length > 0
            ? {
                relatedLocations: f.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: artifactLocation(r.file), region: region(r.range) },
                })),
              }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
