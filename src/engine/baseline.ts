/**
 * Baselines, for adopting cext-audit on a big codebase: record today's findings, then report
 * only new ones. Entries are keyed by fingerprint (rule, file, the finding's line text,
 * occurrence), not by line number, so a finding that moved is not new.
 */
import type { Finding } from './rule.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  file: string;
  fingerprint: string;
  message: string;
}

export interface Baseline {
  schemaVersion: number;
  tool: 'cext-audit';
  findings: BaselineEntry[];
}

export function makeBaseline(findings: readonly Finding[], prints: readonly string[]): Baseline {
  return {
    schemaVersion: BASELINE_VERSION,
    tool: 'cext-audit',
    findings: findings.map((f, i) => ({ ruleId: f.ruleId, file: f.file, fingerprint: prints[i], message: f.message })),
  };
}

/** A baseline read from disk, or the reason it cannot be used. */
export function parseBaseline(text: string): Baseline | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const b = data as Partial<Baseline>;
  if (b.tool !== 'cext-audit' || b.schemaVersion !== BASELINE_VERSION || !Array.isArray(b.findings)) {
    return `not a cext-audit baseline (schemaVersion ${BASELINE_VERSION})`;
  }
  return b as Baseline;
}

export interface BaselineSplit {
  /** Findings the baseline does not know: these are reported. */
  fresh: Finding[];
  /** Baseline entries no finding matches any more: fixed, or the code changed. */
  stale: BaselineEntry[];
}

export function applyBaseline(findings: readonly Finding[], prints: readonly string[], baseline: Baseline): BaselineSplit {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const now = new Set(prints);
  return {
    fresh: findings.filter((_, i) => !known.has(prints[i])),
    stale: baseline.findings.filter((e) => !now.has(e.fingerprint)),
  };
}
