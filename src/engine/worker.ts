/**
 * A worker thread of the pool: it parses files and extracts their facts, which are plain data
 * and travel back by structured clone. Rules run on the main thread, so findings and their
 * order do not depend on the number of workers.
 */
import { parentPort } from 'node:worker_threads';
import type { MacroRule } from '../source/prepass.js';
import { analyzeOutcome, type AnalysisTask } from './analysis.js';

let macros: ReadonlyMap<string, MacroRule> = new Map();

parentPort?.on('message', (message: { macros: [string, MacroRule][] } | AnalysisTask) => {
  if ('macros' in message) {
    macros = new Map(message.macros);
    return;
  }
  parentPort?.postMessage({ index: message.index, outcome: analyzeOutcome(message, macros) });
});
