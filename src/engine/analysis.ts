/** Per-file analysis, inline or in a pool of worker threads, with the same outcome either way. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InheritedMacro } from '../facts/conditions.js';
import { extractFacts } from '../facts/extract.js';
import type { FileFacts } from '../facts/types.js';
import { blankSpans, deadSpans, initializerDirectiveSpans } from '../source/branches.js';
import { skippedStretches, opaqueBlocks } from '../source/opaque.js';
import { parse, parseBudgetMs, type Grammar } from '../source/parse.js';
import { grammarOf, languageOf } from '../source/languages.js';
import { cythonFacts } from '../facts/cython.js';
import { prepass, type MacroRule, type MacroTable, type Prepared } from '../source/prepass.js';
import type { Directive } from '../source/scan.js';

export interface AnalysisTask {
  index: number;
  file: string;
  text: string;
  directives: Directive[];
  /** The variables the project declares `extern` (source/externs.ts). */
  externs?: string[];
  /** What the file's scanned headers define of the names its conditions test (facts/conditions.ts). */
  inherited?: InheritedMacro[];
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
    let opaque = grammar === 'c' ? opaqueBlocks(code, task.directives, prepared.uses) : [];
    // A block the tree does not give back is parsed in full the second time; failing again, the whole file is.
    for (let attempt = 0; attempt < 2 && opaque.length > 0; attempt++) {
      const tree = parse(parsed, grammar, parseBudgetMs(parsed.length), skippedStretches(opaque));
      if (tree === null) return { kind: 'timeout' };
      const facts = extractFacts(task.file, task.text, tree, task.directives, prepared.uses, code, { opaque, externs: task.externs, inherited: task.inherited });
      if (!('misread' in facts)) return { kind: 'facts', facts };
      const misread = new Set(facts.misread);
      opaque = opaque.filter((b) => !misread.has(b));
    }
    const tree = parse(parsed, grammar);
    if (tree === null) return { kind: 'timeout' };
    return { kind: 'facts', facts: extractFacts(task.file, task.text, tree, task.directives, prepared.uses, code, { externs: task.externs, inherited: task.inherited }) };
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

interface Pending {
  task: AnalysisTask;
  settle: (outcome: Outcome) => void;
}

interface Lane {
  worker: Worker;
  /** By the id the pool gave each file it sent. */
  held: Map<number, Pending>;
}

export interface AnalysisPool {
  /**
   * Outcomes in task order; `onDone` after each file. Batches may overlap: a second one queued
   * while the first is parsed shares the lanes with it.
   */
  analyse(tasks: readonly AnalysisTask[], onDone?: () => void): Promise<Outcome[]>;
  /** Stops the workers; the pool can still analyse, inline. */
  close(): void;
}

/**
 * The main thread works as one of the `jobs` lanes, beside `jobs - 1` worker threads: with two
 * cores, one worker and the main thread keep both busy, where two workers would leave the main
 * thread to copy their results while they compete for the cores. Files wait in one queue sorted
 * by size: workers take from the large end, the main thread from the small end, so it is never
 * long busy when a worker asks for its next file. The workers start with the first batch big
 * enough to be worth them and serve every later batch.
 */
export function analysisPool(macros: MacroTable, jobs: number): AnalysisPool {
  let lanes: Lane[] = [];
  const table: [string, MacroRule][] = [...macros];
  const queue: Pending[] = [];
  let nextId = 0;
  let pumping = false;

  const feed = (lane: Lane) => {
    while (lane.held.size < IN_FLIGHT && queue.length > 0) {
      const pending = queue.shift() as Pending;
      const id = nextId++;
      lane.held.set(id, pending);
      lane.worker.postMessage({ ...pending.task, index: id });
    }
  };
  const start = (count: number) => {
    lanes = Array.from({ length: count }, () => {
      const lane: Lane = { worker: new Worker(WORKER), held: new Map() };
      lane.worker.postMessage({ macros: table });
      lane.worker.on('message', (reply: { index: number; outcome: Outcome }) => {
        const pending = lane.held.get(reply.index);
        lane.held.delete(reply.index);
        pending?.settle(reply.outcome);
        feed(lane);
      });
      lane.worker.on('error', (error: Error) => {
        // A crashed worker loses only the files it held, which are reported, not the audit.
        for (const pending of lane.held.values()) pending.settle({ kind: 'error', message: error.message });
        lane.held.clear();
        lanes = lanes.filter((l) => l !== lane);
      });
      return lane;
    });
  };
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    while (queue.length > 0) {
      const pending = queue.pop() as Pending;
      pending.settle(analyzeOutcome(pending.task, macros));
      // Let the workers' replies in between two files: each one asks for the next file.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    pumping = false;
  };
  let started = false;
  return {
    async analyse(tasks, onDone = () => {}) {
      const bytes = tasks.reduce((n, t) => n + t.text.length, 0);
      if (!started && jobs > 1 && tasks.length > 1 && bytes >= POOL_THRESHOLD_BYTES) {
        started = true;
        start(Math.min(jobs, tasks.length) - 1);
      }
      const outcomes: Outcome[] = new Array(tasks.length);
      const settled = tasks.map(
        (task) =>
          new Promise<void>((resolve) => {
            queue.push({
              task,
              settle: (outcome) => {
                outcomes[task.index] = outcome;
                onDone();
                resolve();
              },
            });
          }),
      );
      queue.sort((a, b) => b.task.text.length - a.task.text.length);
      for (const lane of lanes) feed(lane);
      void pump();
      await Promise.all(settled);
      return outcomes;
    },
    close() {
      for (const lane of lanes) void lane.worker.terminate();
      lanes = [];
    },
  };
}
