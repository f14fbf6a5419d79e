/**
 * Which functions Python code can run: those named in a file-scope table (method tables, type
 * slots, getters) and everything they call in the project. Module-creation tables (PyModuleDef,
 * slot arrays) are left out: exec and create run once per module, at import.
 */
import { visibleFrom, type InFile } from './modules.js';
import type { FileFacts, FunctionFact } from './types.js';

const INIT_TABLES = new Set(['PyModuleDef', 'PyModuleDef_Slot', 'struct PyModuleDef', 'struct PyModuleDef_Slot']);
const MAX_DEPTH = 12;

export interface CallableFunction extends InFile<FunctionFact> {
  /** The table that makes it callable, or the caller chain's first table. */
  via: string;
}

function key(file: string, name: string): string {
  return `${file}\0${name}`;
}

/** Functions reachable from Python, keyed by file and name. */
export function callableFromPython(files: readonly FileFacts[]): Map<string, CallableFunction> {
  const byName = new Map<string, InFile<FunctionFact>[]>();
  for (const f of files) {
    for (const fn of f.functions) {
      const list = byName.get(fn.name) ?? [];
      list.push({ file: f.file, fact: fn });
      byName.set(fn.name, list);
    }
  }
  const resolve = (name: string, from: string) => visibleFrom(byName.get(name) ?? [], from);
  const callsBy = new Map<string, string[]>();
  for (const f of files) {
    for (const call of f.calls) {
      if (call.inFunction === null) continue;
      const k = key(f.file, call.inFunction);
      const list = callsBy.get(k) ?? [];
      list.push(call.callee);
      callsBy.set(k, list);
    }
  }
  const reached = new Map<string, CallableFunction>();
  let frontier: CallableFunction[] = [];
  for (const f of files) {
    for (const entry of f.entryPoints) {
      if (INIT_TABLES.has(entry.tableType)) continue;
      const target = resolve(entry.function, f.file);
      if (target && !target.fact.name.startsWith('PyInit_')) frontier.push({ ...target, via: `${entry.table} (${entry.tableType})` });
    }
  }
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: CallableFunction[] = [];
    for (const item of frontier) {
      const k = key(item.file, item.fact.name);
      if (reached.has(k)) continue;
      reached.set(k, item);
      for (const callee of callsBy.get(k) ?? []) {
        const target = resolve(callee, item.file);
        if (target && !target.fact.name.startsWith('PyInit_')) next.push({ ...target, via: item.via });
      }
    }
    frontier = next;
  }
  return reached;
}

export function callableKey(file: string, name: string): string {
  return key(file, name);
}
