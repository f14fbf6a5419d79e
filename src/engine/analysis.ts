/** Per-file analysis, inline or in a pool of worker threads, with the same outcome either way. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractFacts } from '../facts/extract.js';
import type { FileFacts } from '../facts/types.js';
import { blankDeadBranches } from '../source/branches.js';
import { parse } from '../source/parse.js';
import { prepass, type MacroRule, type MacroTable } from '../source/prepass.js';
import type { Directive } from '../source/scan.js';

export interface AnalysisTask {
  index: number;
  file: string;
  text: string;
  directives: Directive[];
}

export type Outcome = { kind: 'facts'; facts: FileFacts } | { kind: 'timeout' } | { kind: 'error'; message: string };

/** Parse one file and extract its facts; pure, so a worker can run it. */
export function analyzeOutcome(task: AnalysisTask, macros: MacroTable): Outcome {
  try {
    const prepared = prepass(task.text, macros);
    const parsed = blankDeadBranches(prepared.text, task.directives);
    const tree = parse(parsed);
    if (tree === null) return { kind: 'timeout' };
    return { kind: 'facts', facts: extractFacts(task.file, task.text, tree, task.directives, prepared.uses, parsed) };
  } catch (error) {
    return { kind: 'error', message: (error as Error).message ?? String(error) };
  }
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** Below this much text, starting workers costs more than it saves. */
const POOL_THRESHOLD_BYTES = 2 * 2 ** 20;

const WORKER = new URL('./worker.js', import.meta.url);

/**
 * Outcomes in task order. Files are split between the workers up front, largest first onto the
 * least-loaded worker, and each worker gets all of its files at once: it never waits for the
 * main thread between two files.
 */
export async function analyzeAll(tasks: readonly AnalysisTask[], macros: MacroTable, jobs: number, onDone: () => void = () => {}): Promise<Outcome[]> {
  const bytes = tasks.reduce((n, t) => n + t.text.length, 0);
  const workers = Math.min(jobs, tasks.length);
  if (workers <= 1 || bytes < POOL_THRESHOLD_BYTES) {
    return tasks.map((t) => {
      const outcome = analyzeOutcome(t, macros);
      onDone();
      return outcome;
    });
  }
  const shares: AnalysisTask[][] = Array.from({ length: workers }, () => []);
  const loads = new Array<number>(workers).fill(0);
  for (const task of [...tasks].sort((a, b) => b.text.length - a.text.length)) {
    const lightest = loads.indexOf(Math.min(...loads));
    shares[lightest].push(task);
    loads[lightest] += task.text.length;
  }
  const outcomes: Outcome[] = new Array(tasks.length);
  const table: [string, MacroRule][] = [...macros];
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve) => {
          const worker = new Worker(WORKER);
          let left = share.length;
          const finish = () => {
            void worker.terminate();
            resolve();
          };
          worker.on('message', (reply: { index: number; outcome: Outcome }) => {
            outcomes[reply.index] = reply.outcome;
            onDone();
            if (--left === 0) finish();
          });
          worker.on('error', (error: Error) => {
            // A crashed worker loses only its unfinished files, which are reported, not the audit.
            for (const task of share) outcomes[task.index] ??= { kind: 'error', message: error.message };
            finish();
          });
          worker.postMessage({ macros: table });
          for (const task of share) worker.postMessage(task);
        }),
    ),
  );
  return outcomes;
}
