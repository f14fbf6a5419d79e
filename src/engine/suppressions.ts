/**
 * Inline suppressions: `/* cext-audit: ignore[rule-id, other-id] reason *\/` (or `// cext-audit:
 * ignore[...]`) silences those rules on its own line and on the line below it; `ignore` without
 * brackets silences every rule there. Like ruff's `# noqa: CODE`, by rule id, never by message.
 */
import type { Finding } from './rule.js';

/** Rule ids silenced per 1-based line; '*' stands for every rule. */
export type Suppressions = Map<number, Set<string>>;

export interface SuppressionComment {
  line: number;
  ids: string[];
}

const COMMENT = /\/[/*]\s*cext-audit:\s*ignore(?:\[([^\]]*)\])?/g;

/** The suppression comments of a file, one per comment with the ids it names. */
export function suppressionComments(text: string): SuppressionComment[] {
  const found: SuppressionComment[] = [];
  if (!text.includes('cext-audit:')) return found;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    for (const m of line.matchAll(COMMENT)) {
      const ids = m[1] === undefined ? ['*'] : m[1].split(',').map((id) => id.trim()).filter((id) => id !== '');
      found.push({ line: index + 1, ids });
    }
  });
  return found;
}

/** Each comment covers its own line and the line below it. */
export function suppressionsByLine(comments: readonly SuppressionComment[]): Suppressions {
  const found: Suppressions = new Map();
  for (const { line, ids } of comments) {
    for (const lineNumber of [line, line + 1]) {
      const set = found.get(lineNumber) ?? new Set<string>();
      for (const id of ids) set.add(id);
      found.set(lineNumber, set);
    }
  }
  return found;
}

export function isSuppressed(finding: Finding, suppressions: Suppressions | undefined): boolean {
  const ids = suppressions?.get(finding.range.startLine);
  return ids !== undefined && (ids.has('*') || ids.has(finding.ruleId) || ids.has(finding.category));
}
