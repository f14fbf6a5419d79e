/**
 * Where the object a call works on comes from, seen from the call: created by the function
 * itself and not yet handed to anyone (no other thread can see it), a parameter, a file-scope
 * variable, a field of another object, or a local of unknown origin. Shared analysis for the
 * thread-safety rules, computed from facts alone.
 */
import type { AssignmentFact, CallFact, FileFacts, FunctionFact, Range } from './types.js';

export type Origin =
  | { kind: 'fresh'; constructor: string; line: number }
  | { kind: 'published'; name: string; constructor: string }
  | { kind: 'keyword-arguments'; name: string }
  | { kind: 'parameter'; name: string }
  | { kind: 'file-scope'; name: string }
  | { kind: 'field'; text: string }
  | { kind: 'local'; name: string }
  | { kind: 'expression'; text: string };

/** Calls that return a new object no other thread has seen yet. */
export const CONSTRUCTORS = new Set([
  'PyList_New', 'PyDict_New', 'PyTuple_New', 'PySet_New', 'PyFrozenSet_New', 'PyTuple_Pack', 'Py_BuildValue',
  'PySequence_List', 'PySequence_Tuple', 'PyList_GetSlice', 'PyList_AsTuple', 'PyDict_Copy', 'PyDict_Items',
  'PyDict_Keys', 'PyDict_Values', 'PyObject_Dir', '_PyDict_NewPresized', 'PyCell_New', 'PyMapping_Items', 'PyMapping_Keys',
  'PyMapping_Values', 'PyUnicode_Split', 'PyUnicode_RSplit', 'PyUnicode_Splitlines', 'PySequence_GetSlice', 'PyList_AsTuple',
  'PyBytes_FromStringAndSize', 'PyTuple_GetSlice',
]);

/**
 * Calls that can make an object reachable from other threads: storing it in a container, an
 * attribute or a module, or handing it to Python code. A project's own helper that fills a
 * fresh container is not counted: that is the common case, and reporting it would be noise.
 */
const PUBLISHING = /^(?:Py(?:List_(?:Append|Insert|SetItem|SET_ITEM)|Tuple_(?:SetItem|SET_ITEM)|Dict_(?:SetItem|SetItemString|SetDefault|SetDefaultRef)|Set_Add|Object_(?:SetAttr|SetAttrString|SetItem|GenericSetAttr|Call\w*|Vectorcall\w*)|Module_Add\w*|Cell_Set|Capsule_\w+|StructSequence_SetItem|Eval_CallObject\w*)|Py_X?SETREF)$/;

/** Conventional names of the keyword-arguments dict of METH_VARARGS | METH_KEYWORDS functions. */
const KEYWORD_PARAMETERS = new Set(['kwargs', 'kwds', 'kw', 'keywds', 'kwdict', 'keywords']);

/** Per file, per function: assignments from calls by variable, publishing calls by argument, stores by value. */
interface FunctionIndex {
  assigned: Map<string, CallFact[]>;
  published: Map<string, CallFact[]>;
  stored: Map<string, AssignmentFact[]>;
}

const indexes = new WeakMap<FileFacts, Map<string, FunctionIndex>>();
const names = new WeakMap<FileFacts, { functions: Map<string, FunctionFact>; variables: Set<string> }>();

/** The file's functions by name and its file-scope variable names, built once per file. */
function fileNames(facts: FileFacts): { functions: Map<string, FunctionFact>; variables: Set<string> } {
  let found = names.get(facts);
  if (found === undefined) {
    const fileScope = facts.variables.filter((v) => v.inFunction === null);
    found = { functions: new Map(facts.functions.map((f) => [f.name, f])), variables: new Set(fileScope.map((v) => v.name)) };
    names.set(facts, found);
  }
  return found;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Built once per file, so that classifying each call costs the length of short lists, not of the function. */
function functionIndex(facts: FileFacts, fn: string): FunctionIndex | undefined {
  let byFunction = indexes.get(facts);
  if (byFunction === undefined) {
    const built = new Map<string, FunctionIndex>();
    const of = (name: string): FunctionIndex => {
      let entry = built.get(name);
      if (entry === undefined) built.set(name, (entry = { assigned: new Map(), published: new Map(), stored: new Map() }));
      return entry;
    };
    for (const call of facts.calls) {
      if (call.inFunction === null) continue;
      const entry = of(call.inFunction);
      if (call.assignedTo !== null) add(entry.assigned, call.assignedTo, call);
      if (PUBLISHING.test(call.callee)) for (const arg of call.args.slice(1)) add(entry.published, sameObject(arg), call);
    }
    for (const a of facts.assignments) if (a.inFunction !== null) add(of(a.inFunction).stored, a.value, a);
    indexes.set(facts, built);
    byFunction = built;
  }
  return byFunction.get(fn);
}

/**
 * The last call before `call`, in its function, whose result is assigned to `variable` and that
 * `accept`s; found from where `call` is in the function's assignments of that variable (they are
 * in source order), so a function of many such calls stays linear.
 */
export function lastAssigningBefore(facts: FileFacts, call: CallFact, variable: string, accept: (c: CallFact) => boolean = () => true): CallFact | undefined {
  const assigning = call.inFunction === null ? facts.calls.filter((c) => c.inFunction === null && c.assignedTo === variable) : (functionIndex(facts, call.inFunction)?.assigned.get(variable) ?? []);
  for (let i = partitionPoint(assigning, (c) => startsBefore(c.range, call.range)) - 1; i >= 0; i--) if (accept(assigning[i])) return assigning[i];
  return undefined;
}

/**
 * A store of answers by owner (a file's facts, a project) and key, for the questions rules ask
 * again at every call: each is worked out once.
 */
export function answers<Owner extends object, T>(): (owner: Owner, key: string, work: () => T) => T {
  const byOwner = new WeakMap<Owner, Map<string, T>>();
  return (owner, key, work) => {
    let known = byOwner.get(owner);
    if (known === undefined) byOwner.set(owner, (known = new Map()));
    if (known.has(key)) return known.get(key) as T;
    const answer = work();
    known.set(key, answer);
    return answer;
  };
}

/** How many leading items of `sorted` pass `test`, which holds for a prefix of the list: found by halving. */
export function partitionPoint<T>(sorted: readonly T[], test: (item: T) => boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (test(sorted[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}

const grouped = new WeakMap<FileFacts, Map<string, { calls: CallFact[]; assignments: AssignmentFact[] }>>();
const NONE: { calls: CallFact[]; assignments: AssignmentFact[] } = { calls: [], assignments: [] };

/** The calls and assignments made in the functions named `fn` (every `#if` branch of them), in source order; grouped once per file. */
export function factsIn(facts: FileFacts, fn: string): { calls: readonly CallFact[]; assignments: readonly AssignmentFact[] } {
  let byName = grouped.get(facts);
  if (byName === undefined) {
    const built = new Map<string, { calls: CallFact[]; assignments: AssignmentFact[] }>();
    const of = (name: string) => {
      let entry = built.get(name);
      if (entry === undefined) built.set(name, (entry = { calls: [], assignments: [] }));
      return entry;
    };
    for (const c of facts.calls) if (c.inFunction !== null) of(c.inFunction).calls.push(c);
    for (const a of facts.assignments) if (a.inFunction !== null) of(a.inFunction).assignments.push(a);
    grouped.set(facts, (byName = built));
  }
  return byName.get(fn) ?? NONE;
}

const callsByCallee = new WeakMap<FileFacts, Map<string, CallFact[]>>();

/** The file's calls of `callee`, in source order; indexed once per file. */
function callsOf(facts: FileFacts, callee: string): readonly CallFact[] {
  let byCallee = callsByCallee.get(facts);
  if (byCallee === undefined) {
    byCallee = new Map();
    for (const call of facts.calls) add(byCallee, call.callee, call);
    callsByCallee.set(facts, byCallee);
  }
  return byCallee.get(callee) ?? [];
}

/** Whether `a` starts before `b` in the file. */
export function startsBefore(a: Range, b: Range): boolean {
  return a.startLine < b.startLine || (a.startLine === b.startLine && a.startColumn < b.startColumn);
}

/** `(PyObject *)self`, `_PyObject_CAST(self)`, `(self)` → `self`: how two mentions of one object are compared. */
export function sameObject(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim();
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(/^\(\s*(?:const\s+)?[A-Za-z_]\w*\s*\*+\s*\)\s*/, '');
    t = t.replace(/^_?Py(?:Object)?_CAST\((.*)\)$/, '$1').replace(/^_PyObject_CAST\((.*)\)$/, '$1');
    if (/^\((.*)\)$/.test(t)) t = t.slice(1, -1).trim();
  }
  return t.replace(/\s*(->|\.)\s*/g, '$1');
}

/** The thread state's own dict: no other thread reaches it, whatever the function does with it. */
const THREAD_PRIVATE = 'PyThreadState_GetDict';

export function originOf(expression: string, at: CallFact, facts: FileFacts): Origin {
  const text = sameObject(expression);
  if (/^PyThreadState_GetDict\(\s*\)$/.test(text)) return { kind: 'fresh', constructor: THREAD_PRIVATE, line: at.range.startLine };
  if (/->|\./.test(text)) return { kind: 'field', text };
  if (!/^[A-Za-z_]\w*$/.test(text)) return { kind: 'expression', text };
  const known = fileNames(facts);
  const fn = at.inFunction === null ? undefined : known.functions.get(at.inFunction);
  const index = at.inFunction === null ? undefined : functionIndex(facts, at.inFunction);
  const assignment = at.inFunction === null ? undefined : lastAssigningBefore(facts, at, text);
  const fileScope = known.variables.has(text);
  if (assignment?.callee === THREAD_PRIVATE && !fileScope) return { kind: 'fresh', constructor: THREAD_PRIVATE, line: assignment.range.startLine };
  if (assignment && CONSTRUCTORS.has(assignment.callee) && !fileScope) {
    // Handing the object to another call (storing it in a container, an attribute, a module)
    // or storing it in a field or another variable may publish it; from then on other threads can reach it.
    const between = (r: Range) => startsBefore(assignment.range, r) && startsBefore(r, at.range);
    const passed = (index?.published.get(text) ?? []).some((c) => between(c.range));
    // Copying the pointer into another local keeps it private; storing it in a field or a global does not.
    const reachable = (target: string) => /->|\.|\[/.test(target) || known.variables.has(target);
    const stored = (index?.stored.get(text) ?? []).some((a) => reachable(a.target) && between(a.range));
    return passed || stored
      ? { kind: 'published', name: text, constructor: assignment.callee }
      : { kind: 'fresh', constructor: assignment.callee, line: assignment.range.startLine };
  }
  if (fileScope) return { kind: 'file-scope', name: text };
  if (assignment) return { kind: 'local', name: text };
  if (fn?.params.includes(text)) {
    return KEYWORD_PARAMETERS.has(text) ? { kind: 'keyword-arguments', name: text } : { kind: 'parameter', name: text };
  }
  return { kind: 'local', name: text };
}

/**
 * Functions that run when no other thread can reach the object: tp_dealloc and tp_finalize
 * (the object is unreachable), tp_traverse and tp_clear (the free-threaded GC stops the world).
 * Recognised by name (`*_dealloc`, `*_traverse`, …) or by a `visitproc` parameter named `visit`.
 */
export function isLifecycleFunction(name: string | null, facts: FileFacts): boolean {
  if (name === null) return false;
  if (/(?:^|_)(?:dealloc|traverse|clear|finalize|del)$/i.test(name)) return true;
  return fileNames(facts).functions.get(name)?.params.includes('visit') ?? false;
}

const lockedCallers = answers<FileFacts, boolean>();

/**
 * Whether every call of `fn` in the file passes, as argument `index`, an object its caller holds
 * in a critical section: the HOWTO's "lock held by the caller" helpers. False when `fn` is never
 * called in the file (it may be called from anywhere else).
 */
export function lockedByEveryCaller(fn: string | null, param: string, facts: FileFacts): boolean {
  if (fn === null) return false;
  // Asked again for every borrowed call on the parameter: answered once per function and parameter.
  return lockedCallers(facts, `${fn}\0${param}`, () => everyCallerLocks(fn, param, facts));
}

function everyCallerLocks(fn: string, param: string, facts: FileFacts): boolean {
  const index = fileNames(facts).functions.get(fn)?.params.indexOf(param) ?? -1;
  if (index < 0) return false;
  const callers = callsOf(facts, fn);
  // Only a static helper: another file could call an exported one without the lock.
  return (
    callers.length > 0 &&
    fileNames(facts).functions.get(fn)?.isStatic === true &&
    callers.every((c) => c.args[index] !== undefined && c.criticalSections.some((o) => sameObject(o) === sameObject(c.args[index] ?? '')))
  );
}
