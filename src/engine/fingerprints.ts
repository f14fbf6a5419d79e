/**
 * Finding identities that survive edits elsewhere in the file: the rule, the file, the
 * finding's own line with white space folded, and which occurrence of that same line it is.
 * SARIF's partialFingerprints and the baseline both use them.
 */
import { createHash } from 'node:crypto';
import type { Finding } from './rule.js';

export function fingerprints(findings: readonly Finding[], source: (file: string) => string | null): string[] {
  const lines = new Map<string, string[] | null>();
  const seen = new Map<string, number>();
  return findings.map((f) => {
    if (!lines.has(f.file)) lines.set(f.file, source(f.file)?.split(/\r\n|\r|\n/) ?? null);
    const text = (lines.get(f.file)?.[f.range.startLine - 1] ?? `line ${f.range.startLine}`).replace(/\s+/g, ' ').trim();
    const key = `${f.ruleId}\0${f.file}\0${text}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence + 1}`;
  });
}
