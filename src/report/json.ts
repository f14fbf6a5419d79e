/**
 * The JSON report. Its shape is the contract in schema/report.schema.json; bump
 * SCHEMA_VERSION on any incompatible change.
 */
import type { Finding } from '../engine/rule.js';
import type { AuditResult } from '../engine/runner.js';
import { countBySeverity } from './summary.js';
import { printableJson } from './printable.js';

export const SCHEMA_VERSION = 1;

function location(f: { file: string; range: Finding['range'] }) {
  return { file: f.file, ...f.range };
}

export function formatJson(result: AuditResult, meta: { version: string; minPython: string }): string {
  const report = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'cext-audit', version: meta.version },
    minPython: meta.minPython,
    summary: { filesAudited: result.filesAudited, findings: result.findings.length, ...countBySeverity(result.findings) },
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      precision: f.precision,
      ...location(f),
      message: f.message,
      messageId: f.messageId,
      fix: f.fix,
      guide: f.guide,
      related: f.related.map((r) => ({ ...location(r), message: r.message })),
    })),
    modules: result.modules,
    skipped: result.skipped,
    diagnostics: result.diagnostics,
  };
  return `${printableJson(JSON.stringify(report, null, 2))}\n`;
}
