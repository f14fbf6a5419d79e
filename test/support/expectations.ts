/**
 * Inline expectations in fixtures, in the style of rustc's UI tests:
 *   `// expect: rule-id` (this line), `// expect^: rule-id` (one line up per `^`),
 *   `// expect-next-line: rule-id`; several ids separated by commas; `/* … *\/` works too.
 */
import type { Finding } from '../../src/engine/rule.js';

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
}

/** `//` and `/* *\/` in C, `#` in build files (setup.py, pyproject.toml, meson.build). */
const EXPECT = /(?:\/\/|\/\*|#)\s*expect(\^*|-next-line)?:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/g;

export function parseExpectations(file: string, text: string): Expectation[] {
  const expectations: Expectation[] = [];
  text.split(/\r\n|\r|\n/).forEach((content, index) => {
    for (const m of content.matchAll(EXPECT)) {
      const marker = m[1] ?? '';
      const line = index + 1 + (marker === '-next-line' ? 1 : -marker.length);
      for (const ruleId of m[2].split(',')) expectations.push({ file, line, ruleId: ruleId.trim() });
    }
  });
  return expectations;
}

/** Options a single-file fixture sets on its first line: `// fixture: min-python=3.13`. */
export function fixtureOptions(text: string): Record<string, string> {
  const first = /^\/\/\s*fixture:(.*)/.exec(text.split(/\r?\n/, 1)[0] ?? '');
  if (!first) return {};
  return Object.fromEntries(
    first[1]
      .trim()
      .split(/\s+/)
      .filter((pair) => pair.includes('='))
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
}

export interface Verdict {
  /** Reported, but no expectation on that line: a false positive. */
  noisy: string[];
  /** Expected, but nothing reported: a false negative. */
  missing: string[];
}

const key = (file: string, line: number, ruleId: string) => `${file}:${line}: ${ruleId}`;

/** Compares as multisets: a finding expected once and reported twice is noisy once. */
export function compare(expected: readonly Expectation[], findings: readonly Finding[]): Verdict {
  const remaining = new Map<string, number>();
  for (const e of expected) {
    const k = key(e.file, e.line, e.ruleId);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const noisy: string[] = [];
  for (const f of findings) {
    const k = key(f.file, f.range.startLine, f.ruleId);
    const left = remaining.get(k) ?? 0;
    if (left > 0) remaining.set(k, left - 1);
    else noisy.push(`${k} — ${f.message}`);
  }
  const missing = [...remaining].flatMap(([k, n]) => Array<string>(n).fill(k));
  return { noisy, missing };
}
