/** Per-file analysis, inline or in a pool of worker threads, with the same outcome either way. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractFacts } from '../facts/extract.js';
import type { FileFacts } from '../facts/types.js';
import { blankSpans, deadSpans, initializerDirectiveSpans } from '../source/branches.js';
import { parse } from '../source/parse.js';
import { grammarOf, languageOf } from '../source/languages.js';
import { cythonFacts } from '../facts/cython.js';
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
    if (languageOf(task.file) === 'cython') return { kind: 'facts', facts: cythonFacts(task.file, task.text) };
    const grammar = grammarOf(task.file, task.text);
    const prepared = prepass(task.text, macros);
    const dead = deadSpans(task.directives, grammar);
    const code = blankSpans(prepared.code, dead);
    const parsed = blankSpans(blankSpans(prepared.text, dead), initializerDirectiveSpans(code, task.directives));
    const tree = parse(parsed, grammar);
    if (tree === null) return { kind: 'timeout' };
    return { kind: 'facts', facts: extractFacts(task.file, task.text, tree, task.directives, prepared.uses, code) };
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

/** Files a worker holds at once: one to parse, one waiting, so it never idles for the main thread. */
const IN_FLIGHT = 2;

/**
 * Outcomes in task order. The main thread works as one of the `jobs` lanes, beside `jobs - 1`
 * worker threads: with two cores, one worker and the main thread keep both busy, where two
 * workers would leave the main thread to copy their results while they compete for the cores.
 * Files go out from one queue sorted by size: workers take from the large end, the main thread
 * from the small end, so it is never long busy when a worker asks for its next file.
 */
export async function analyzeAll(tasks: readonly AnalysisTask[], macros: MacroTable, jobs: number, onDone: () => void = () => {}): Promise<Outcome[]> {
  const bytes = tasks.reduce((n, t) => n + t.text.length, 0);
  const lanes = Math.min(jobs, tasks.length);
  const outcomes: Outcome[] = new Array(tasks.length);
  const finish = (task: AnalysisTask, outcome: Outcome) => {
    outcomes[task.index] = outcome;
    onDone();
  };
  if (lanes <= 1 || bytes < POOL_THRESHOLD_BYTES) {
    for (const task of tasks) finish(task, analyzeOutcome(task, macros));
    return outcomes;
  }
  const queue = [...tasks].sort((a, b) => b.text.length - a.text.length);
  let largest = 0;
  let smallest = queue.length - 1;
  const take = (): AnalysisTask | undefined => (largest <= smallest ? queue[largest++] : undefined);
  const takeSmall = (): AnalysisTask | undefined => (largest <= smallest ? queue[smallest--] : undefined);
  const table: [string, MacroRule][] = [...macros];
  const workers = Array.from(
    { length: lanes - 1 },
    () =>
      new Promise<void>((resolve) => {
        const worker = new Worker(WORKER);
        const held = new Map<number, AnalysisTask>();
        const send = () => {
          const task = take();
          if (task === undefined) return;
          held.set(task.index, task);
          worker.postMessage(task);
        };
        const stop = () => {
          void worker.terminate();
          resolve();
        };
        worker.on('message', (reply: { index: number; outcome: Outcome }) => {
          finish(held.get(reply.index) as AnalysisTask, reply.outcome);
          held.delete(reply.index);
          send();
          if (held.size === 0) stop();
        });
        worker.on('error', (error: Error) => {
          // A crashed worker loses only the files it held, which are reported, not the audit.
          for (const task of held.values()) finish(task, { kind: 'error', message: error.message });
          stop();
        });
        worker.postMessage({ macros: table });
        for (let i = 0; i < IN_FLIGHT; i++) send();
        if (held.size === 0) stop();
      }),
  );
  for (let task = takeSmall(); task !== undefined; task = takeSmall()) {
    finish(task, analyzeOutcome(task, macros));
    // Let the workers' replies in between two files: each one asks for the next file.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return outcomes;
}
