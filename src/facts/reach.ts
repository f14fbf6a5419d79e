/**
 * Which functions Python code can run with no lock held: those named in a file-scope table
 * (method tables, type slots, getters) and everything they call in the project, directly or
 * through the project's function-like macros (`#define BUMP() bump()`), static functions of files
 * compiled in the same unit included (a unity build). Module-creation tables (PyModuleDef, slot arrays)
 * are left out: exec and create run once per module, at import. A call made while the caller
 * holds a critical section or a mutex is not followed: the callee then runs under that lock
 * (the HOWTO's "lock held by the caller" helpers).
 */
import { lockIndex } from './locks.js';
import { visibleFrom, type InFile, type ProjectFacts } from './modules.js';
import type { FunctionFact } from './types.js';

const INIT_TABLES = new Set(['PyModuleDef', 'PyModuleDef_Slot', 'struct PyModuleDef', 'struct PyModuleDef_Slot']);
const MAX_DEPTH = 12;

export interface CallableFunction extends InFile<FunctionFact> {
  /** The table that makes it callable, or the caller chain's first table. */
  via: string;
}

function key(file: string, name: string): string {
  return `${file}\0${name}`;
}

type Reach = Pick<ProjectFacts, 'files' | 'macroCalls' | 'macroCallees' | 'sameUnit'>;

interface CallEdge {
  /** The calling function, keyed by file and name. */
  caller: string;
  callee: string;
  inCriticalSection: boolean;
  /** The mutexes held at the call. */
  held: string[];
}

const edgesBy = new WeakMap<object, CallEdge[]>();

/** Every call made inside a function, with the locks held there; computed once per project (every mutex asks). */
function callEdges(project: Reach, functionNames: ReadonlySet<string>): CallEdge[] {
  let edges = edgesBy.get(project);
  if (edges !== undefined) return edges;
  const locks = lockIndex(project);
  edges = [];
  for (const f of project.files) {
    const uses = [...f.calls.map((call) => ({ use: call, callee: call.callee })), ...project.macroCallees(f, functionNames)];
    for (const { use, callee } of uses) {
      if (use.inFunction === null) continue;
      edges.push({ caller: key(f.file, use.inFunction), callee, inCriticalSection: use.criticalSections.length > 0, held: locks.heldAt(f, use.inFunction, use.range) });
    }
  }
  edgesBy.set(project, edges);
  return edges;
}

/**
 * The calls each function makes without holding `mutex` (without holding any lock or critical
 * section when it is null), keyed by file and function.
 */
function callsWithout(mutex: string | null, project: Reach, functionNames: ReadonlySet<string>): Map<string, string[]> {
  const callsBy = new Map<string, string[]>();
  for (const edge of callEdges(project, functionNames)) {
    if (mutex === null ? edge.inCriticalSection || edge.held.length > 0 : edge.held.includes(mutex)) continue;
    const list = callsBy.get(edge.caller) ?? [];
    list.push(edge.callee);
    callsBy.set(edge.caller, list);
  }
  return callsBy;
}

const reachedBy = new WeakMap<object, Map<string | null, Map<string, CallableFunction>>>();
const functionsBy = new WeakMap<object, Map<string, InFile<FunctionFact>[]>>();

/** The project's functions by name, computed once per project (every mutex asks for them). */
function functionsByName(project: Reach): Map<string, InFile<FunctionFact>[]> {
  let byName = functionsBy.get(project);
  if (byName !== undefined) return byName;
  byName = new Map();
  for (const f of project.files) {
    for (const fn of f.functions) {
      const list = byName.get(fn.name) ?? [];
      list.push({ file: f.file, fact: fn });
      byName.set(fn.name, list);
    }
  }
  functionsBy.set(project, byName);
  return byName;
}

const namesBy = new WeakMap<object, ReadonlySet<string>>();

/**
 * Functions Python can run with no lock held, keyed by file and name; with `mutex`, those it can
 * run without holding that mutex. Computed once per project and mutex.
 */
export function callableFromPython(project: Reach, mutex: string | null = null): Map<string, CallableFunction> {
  let byMutex = reachedBy.get(project);
  if (byMutex === undefined) reachedBy.set(project, (byMutex = new Map()));
  const known = byMutex.get(mutex);
  if (known !== undefined) return known;
  const byName = functionsByName(project);
  const resolve = (name: string, from: string) => visibleFrom(byName.get(name) ?? [], from, project.sameUnit);
  let names = namesBy.get(project);
  if (names === undefined) namesBy.set(project, (names = new Set(byName.keys())));
  // The same set object for every mutex, so that project.macroCalls expands each file's macros once.
  const callsBy = callsWithout(mutex, project, names);
  const reached = new Map<string, CallableFunction>();
  let frontier: CallableFunction[] = [];
  for (const f of project.files) {
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
  byMutex.set(mutex, reached);
  return reached;
}

export function callableKey(file: string, name: string): string {
  return key(file, name);
}
