/**
 * Where an audit's time goes, printed on stderr when CEXT_AUDIT_TIMING is set, as ESLint's
 * TIMING=1 prints its rules: the steps of the pipeline in the order they end, then the slowest
 * rules. A step is the wall time since the one before, so the steps add up to the run.
 */
export interface Timings {
  steps: [string, number][];
  /** Milliseconds in each rule's check. */
  rules: Map<string, number>;
  /** When the last step ended (performance.now(): milliseconds since the process started). */
  last: number;
}

/** Timings whose first step starts with the process, so that it counts start-up and module loading. */
export function startTimings(): Timings {
  return { steps: [], rules: new Map(), last: 0 };
}

/** Ends the step `name`. */
export function lap(timings: Timings | undefined, name: string): void {
  if (timings === undefined) return;
  const now = performance.now();
  timings.steps.push([name, now - timings.last]);
  timings.last = now;
}

/** Runs a rule's check, adding its time to the rule's. */
export function timeRule(timings: Timings | undefined, id: string, check: () => void): void {
  if (timings === undefined) {
    check();
    return;
  }
  const start = performance.now();
  check();
  timings.rules.set(id, (timings.rules.get(id) ?? 0) + performance.now() - start);
}

function table(title: string, rows: [string, number][], total: number): string[] {
  const width = Math.max(title.length, ...rows.map(([name]) => name.length));
  const line = (name: string, ms: string, share: string) => `${name.padEnd(width)}  ${ms.padStart(8)}  ${share.padStart(6)}`;
  return [line(title, 'ms', '%'), ...rows.map(([name, ms]) => line(name, ms.toFixed(0), ((100 * ms) / total).toFixed(1)))];
}

export function formatTimings(timings: Timings, topRules = 10): string {
  const total = timings.steps.reduce((sum, [, ms]) => sum + ms, 0);
  const rules = [...timings.rules].sort((a, b) => b[1] - a[1]).slice(0, topRules);
  const lines = [...table('step', [...timings.steps, ['total', total]], total), ''];
  // The indexes rules share (call graph, lock index, macro expansions) are built on first use, by whichever rule asks first.
  if (rules.length > 0) lines.push(...table('rule (shared indexes count for the first rule to use them)', rules, total), '');
  return lines.join('\n');
}
