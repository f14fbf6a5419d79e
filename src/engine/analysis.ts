/** Per-file analysis, inline or in a pool of worker threads, with the same outcome either way. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { extractFacts } from '../facts/extract.js';
import type { FileFacts } from '../facts/types.js';
import { blankSpans, deadSpans, initializerDirectiveSpans } from '../source/branches.js';
import { blankedStretches, opaqueBlocks } from '../source/opaque.js';
import { parse, type Grammar } from '../source/parse.js';
import { grammarOf, languageOf } from '../source/languages.js';
import { cythonFacts } from '../facts/cython.js';
import { prepass, type MacroRule, type MacroTable, type Prepared } from '../source/prepass.js';
import type { Directive } from '../source/scan.js';

export interface AnalysisTask {
  index: number;
  file: string;
  text: string;
  directives: Directive[];
}

export type Outcome = { kind: 'facts'; facts: FileFacts } | { kind: 'timeout' } | { kind: 'error'; message: string };

/** The texts a file is read from: `code` for lexical patterns, `parsed` for tree-sitter (see prepass.ts and branches.ts). */
export function parseInput(task: AnalysisTask, macros: MacroTable): { grammar: Grammar; prepared: Prepared; code: string; parsed: string } {
  const grammar = grammarOf(task.file, task.text);
  const prepared = prepass(task.text, macros);
  const dead = deadSpans(task.directives, grammar);
  const code = blankSpans(prepared.code, dead);
  const parsed = blankSpans(blankSpans(prepared.text, dead), initializerDirectiveSpans(code, task.directives));
  return { grammar, prepared, code, parsed };
}

/** Parse one file and extract its facts; pure, so a worker can run it. */
export function analyzeOutcome(task: AnalysisTask, macros: MacroTable): Outcome {
  try {
    if (languageOf(task.file) === 'cython') return { kind: 'facts', facts: cythonFacts(task.file, task.text) };
    const { grammar, prepared, code, parsed } = parseInput(task, macros);
    // C++ bodies hold class members and lambdas the facts read from the tree.
    const opaque = grammar === 'c' ? opaqueBlocks(code, task.directives, prepared.uses) : [];
    if (opaque.length > 0) {
      const tree = parse(blankSpans(parsed, blankedStretches(opaque)), grammar);
      if (tree === null) return { kind: 'timeout' };
      const facts = extractFacts(task.file, task.text, tree, task.directives, prepared.uses, code, opaque);
      if (facts !== null) return { kind: 'facts', facts };
    }
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

interface Lane {
  worker: Worker;
  held: Map<number, AnalysisTask>;
}

export interface AnalysisPool {
  /** Outcomes in task order; `onDone` after each file. */
  analyse(tasks: readonly AnalysisTask[], onDone?: () => void): Promise<Outcome[]>;
  /** Stops the workers; the pool can still analyse, inline. */
  close(): void;
}

/**
 * The main thread works as one of the `jobs` lanes, beside `jobs - 1` worker threads: with two
 * cores, one worker and the main thread keep both busy, where two workers would leave the main
 * thread to copy their results while they compete for the cores. Files go out from one queue
 * sorted by size: workers take from the large end, the main thread from the small end, so it
 * is never long busy when a worker asks for its next file. The workers start with the first
 * batch big enough to be worth them and serve every later batch.
 */
export function analysisPool(macros: MacroTable, jobs: number): AnalysisPool {
  let lanes: Lane[] = [];
  const table: [string, MacroRule][] = [...macros];
  return {
    async analyse(tasks, onDone = () => {}) {
      const outcomes: Outcome[] = new Array(tasks.length);
      const finish = (task: AnalysisTask, outcome: Outcome) => {
        outcomes[task.index] = outcome;
        onDone();
      };
      const bytes = tasks.reduce((n, t) => n + t.text.length, 0);
      if (lanes.length === 0 && jobs > 1 && tasks.length > 1 && bytes >= POOL_THRESHOLD_BYTES) {
        lanes = Array.from({ length: Math.min(jobs, tasks.length) - 1 }, () => {
          const worker = new Worker(WORKER);
          worker.postMessage({ macros: table });
          return { worker, held: new Map() };
        });
      }
      if (lanes.length === 0) {
        for (const task of tasks) finish(task, analyzeOutcome(task, macros));
        return outcomes;
      }
      const queue = [...tasks].sort((a, b) => b.text.length - a.text.length);
      let largest = 0;
      let smallest = queue.length - 1;
      const take = (): AnalysisTask | undefined => (largest <= smallest ? queue[largest++] : undefined);
      const takeSmall = (): AnalysisTask | undefined => (largest <= smallest ? queue[smallest--] : undefined);
      const served = lanes.map(
        (lane) =>
          new Promise<void>((resolve) => {
            const send = () => {
              const task = take();
              if (task === undefined) return;
              lane.held.set(task.index, task);
              lane.worker.postMessage(task);
            };
            const stop = () => {
              lane.worker.off('message', onMessage);
              lane.worker.off('error', onError);
              resolve();
            };
            const onMessage = (reply: { index: number; outcome: Outcome }) => {
              finish(lane.held.get(reply.index) as AnalysisTask, reply.outcome);
              lane.held.delete(reply.index);
              send();
              if (lane.held.size === 0) stop();
            };
            const onError = (error: Error) => {
              // A crashed worker loses only the files it held, which are reported, not the audit.
              for (const task of lane.held.values()) finish(task, { kind: 'error', message: error.message });
              lane.held.clear();
              lanes = lanes.filter((l) => l !== lane);
              stop();
            };
            lane.worker.on('message', onMessage);
            lane.worker.on('error', onError);
            for (let i = 0; i < IN_FLIGHT; i++) send();
            if (lane.held.size === 0) stop();
          }),
      );
      for (let task = takeSmall(); task !== undefined; task = takeSmall()) {
        finish(task, analyzeOutcome(task, macros));
        // Let the workers' replies in between two files: each one asks for the next file.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await Promise.all(served);
      return outcomes;
    },
    close() {
      for (const lane of lanes) void lane.worker.terminate();
      lanes = [];
    },
  };
}
