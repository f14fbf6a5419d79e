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
import type { CallFact, FunctionFact } from './types.js';

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

/** A call from a function to a project function, resolved to the definition it reaches. */
interface CallEdge {
  target: InFile<FunctionFact>;
  /** The target keyed by file and name. */
  targetKey: string;
  inCriticalSection: boolean;
  /** The mutexes held at the call. */
  held: string[];
}

interface CallGraph {
  /** By calling function, keyed by file and name. */
  callsBy: Map<string, CallEdge[]>;
  /** The functions the file-scope tables name, with the table. */
  entries: { target: InFile<FunctionFact>; via: string }[];
}

const graphBy = new WeakMap<object, CallGraph>();

/**
 * The project function an unqualified call names, looked up as C++ does from the caller's
 * scopes outwards: `size()` in `Buffer::grow` is `Buffer::size` if the project defines it; null
 * when the project defines no function of that name.
 */
function inScopeOf(caller: string, name: string, names: ReadonlySet<string>): string | null {
  if (!name.includes('::')) {
    for (let scope = caller.lastIndexOf('::'); scope > 0; scope = caller.lastIndexOf('::', scope - 1)) {
      const qualified = `${caller.slice(0, scope)}::${name}`;
      if (names.has(qualified)) return qualified;
    }
  }
  return names.has(name) ? name : null;
}

/**
 * Every call a function makes to a project function, directly or through the project's macros,
 * with the locks held there, and the functions the tables name: the same for every mutex, so
 * built once per project. Another module's PyInit_ is never a target.
 */
function callGraph(project: Reach): CallGraph {
  const known = graphBy.get(project);
  if (known !== undefined) return known;
  const byName = new Map<string, InFile<FunctionFact>[]>();
  for (const f of project.files) {
    for (const fn of f.functions) {
      const list = byName.get(fn.name);
      if (list) list.push({ file: f.file, fact: fn });
      else byName.set(fn.name, [{ file: f.file, fact: fn }]);
    }
  }
  const keys = new Map<InFile<FunctionFact>, string>();
  for (const list of byName.values()) for (const fn of list) keys.set(fn, key(fn.file, fn.fact.name));
  const locks = lockIndex(project);
  const names = new Set(byName.keys());
  const graph: CallGraph = { callsBy: new Map(), entries: [] };
  for (const f of project.files) {
    // A parameter hides the function of its name: `next(src)` in `read_all(PyObject *src, next_fn next)` calls through a pointer.
    const params = new Map<string, Set<string>>();
    for (const fn of f.functions) {
      if (fn.params.length === 0) continue;
      const known = params.get(fn.name);
      if (known) for (const p of fn.params) known.add(p);
      else params.set(fn.name, new Set(fn.params));
    }
    // What a name calls depends on the file it is called from: resolved once per file and name.
    const resolved = new Map<string, InFile<FunctionFact> | null>();
    const resolve = (name: string): InFile<FunctionFact> | null => {
      let target = resolved.get(name);
      if (target === undefined) {
        target = visibleFrom(byName.get(name) ?? [], f.file, project.sameUnit) ?? null;
        if (target?.fact.name.startsWith('PyInit_')) target = null;
        resolved.set(name, target);
      }
      return target;
    };
    const addEdge = (use: CallFact, name: string) => {
      if (use.inFunction === null || params.get(use.inFunction)?.has(name)) return;
      const callee = inScopeOf(use.inFunction, name, names);
      if (callee === null) return;
      const target = resolve(callee);
      if (target === null) return;
      const edge = { target, targetKey: keys.get(target) as string, inCriticalSection: use.criticalSections.length > 0, held: locks.heldAt(f, use.inFunction, use.range) };
      const caller = key(f.file, use.inFunction);
      const list = graph.callsBy.get(caller);
      if (list) list.push(edge);
      else graph.callsBy.set(caller, [edge]);
    };
    for (const call of f.calls) addEdge(call, call.callee);
    for (const { use, callee } of project.macroCallees(f, names)) addEdge(use, callee);
    for (const entry of f.entryPoints) {
      if (INIT_TABLES.has(entry.tableType)) continue;
      const target = resolve(entry.function);
      if (target !== null) graph.entries.push({ target, via: `${entry.table} (${entry.tableType})` });
    }
  }
  graphBy.set(project, graph);
  return graph;
}

const reachedBy = new WeakMap<object, Map<string | null, Map<string, CallableFunction>>>();

/**
 * Functions Python can run with no lock held, keyed by file and name; with `mutex`, those it can
 * run without holding that mutex: a call made under it (or, with no mutex, under any lock or
 * critical section) is not followed. Computed once per project and mutex.
 */
export function callableFromPython(project: Reach, mutex: string | null = null): Map<string, CallableFunction> {
  let byMutex = reachedBy.get(project);
  if (byMutex === undefined) reachedBy.set(project, (byMutex = new Map()));
  const known = byMutex.get(mutex);
  if (known !== undefined) return known;
  const { callsBy, entries } = callGraph(project);
  const followed = (edge: CallEdge) => (mutex === null ? !edge.inCriticalSection && edge.held.length === 0 : !edge.held.includes(mutex));
  const reached = new Map<string, CallableFunction>();
  let frontier = entries.map(({ target, via }) => ({ target, key: key(target.file, target.fact.name), via }));
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { target, key: k, via } of frontier) {
      if (reached.has(k)) continue;
      reached.set(k, { ...target, via });
      for (const edge of callsBy.get(k) ?? []) {
        if (followed(edge) && !reached.has(edge.targetKey)) next.push({ target: edge.target, key: edge.targetKey, via });
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
