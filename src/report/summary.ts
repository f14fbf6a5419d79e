/** Counts shared by the text and JSON reports. */
import { SEVERITIES, type Finding, type Severity } from '../engine/rule.js';

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** "2 errors, 1 warning" (zero counts left out); "no findings" when all are zero. */
export function describeCounts(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}
