/**
 * The project pass: joins the facts of all files into extension modules. A module's parts
 * (its `PyInit_` function, its `PyModuleDef`, its slot array, the macros that build them) may
 * sit in different files, so no single file can tell whether a module declares its GIL use.
 */
import path from 'node:path';
import { compiledInAny, FREE_THREADED } from './guards.js';
import { listItems, referencedName } from './initializer.js';
import { IDENTIFIER, namesBeforeParens } from '../source/names.js';
import { assignmentBefore } from './extract.js';
import type { BuildFileFacts } from './build-files.js';
import { bindingModules, type BindingModule } from './bindings.js';
import { deadHeaders, includeSites, unitsOf } from './includes.js';
import { factsIn, partitionPoint } from './origins.js';
import type { AssignmentFact, CallFact, DefineFact, FileFacts, FunctionFact, Guard, ModuleDefFact, Range, SlotArrayFact } from './types.js';

export interface InFile<T> {
  file: string;
  fact: T;
}

/** A `{Py_mod_gil, value}` slot entry, written in the array or in a macro the array uses. */
export interface GilSlot {
  file: string;
  range: Range;
  /** `Py_MOD_GIL_NOT_USED`, `Py_MOD_GIL_USED`, or what was written when the scan could not resolve it. */
  value: string;
  /** Where the entry is compiled. */
  guard: Guard;
  /** The macro whose body holds the entry, if the array names a macro. */
  viaMacro: string | null;
  /** The project macro the entry gives as its value (`{Py_mod_gil, MY_GIL}`), when `value` was found through it. */
  valueMacro: string | null;
  /** Where the definition of `valueMacro` that gives `value` is compiled; empty without one. */
  valueGuard: Guard;
}

export type InitStyle = 'multi-phase' | 'single-phase' | 'unknown';

export interface ModuleFact {
  /** `m_name` when it is a literal (or a macro for one), else the `PyInit_` suffix. */
  name: string;
  initStyle: InitStyle;
  init: InFile<FunctionFact> | null;
  /** The `PyModuleDef_Init` or `PyModule_Create*` call that makes the module. */
  creation: InFile<CallFact> | null;
  def: InFile<ModuleDefFact> | null;
  slotArray: InFile<SlotArrayFact> | null;
  /** Why what the module declares cannot be told, as phrases for the readiness report (`slot value MY_GIL could not be resolved`). */
  unresolved: string[];
  gilSlots: GilSlot[];
  setGilCalls: InFile<CallFact>[];
  /** PyUnstable_Module_SetGIL calls in the init function on an object other than the module it creates. */
  misdirectedSetGilCalls: InFile<CallFact>[];
  /** PyUnstable_Module_SetGIL calls that never run: they follow an unconditional `return` (at `afterReturn`). */
  unreachableSetGilCalls: (InFile<CallFact> & { afterReturn: Range })[];
  /** Files that hold a part of the module or sit beside its init function. */
  files: string[];
}

export interface ProjectFacts {
  /** The scanned files, less the headers no Python 3 build reads (included only from dead branches). */
  files: FileFacts[];
  modules: ModuleFact[];
  /** Modules made by pybind11, nanobind and Cython. */
  bindings: BindingModule[];
  /** setup.py, setup.cfg, pyproject.toml, meson.build and CMakeLists.txt files of the scan. */
  buildFiles: BuildFileFacts[];
  /**
   * The calls a file makes through the project's function-like macros, at each place a macro is
   * used, with the use's arguments substituted: `GET(d, k)` with `#define GET(m, k)
   * PyDict_GetItem((m), (k))` is a PyDict_GetItem call on `d` at that line. Only macros that
   * lead to one of the `wanted` names are expanded, and only calls to them are returned.
   */
  macroCalls(facts: FileFacts, wanted: ReadonlySet<string>): CallFact[];
  /**
   * The names among `wanted` that a file's macro uses call, with the use: what macroCalls finds,
   * without building the calls. A macro whose arguments cannot become callees calls the same
   * names at every use, found once; the others are expanded at each use.
   */
  macroCallees(facts: FileFacts, wanted: ReadonlySet<string>): MacroCallee[];
  /**
   * Whether two files can be compiled in one translation unit (one includes the other, directly
   * or not, or a third includes both): code in one can then name the other's static functions.
   */
  sameUnit(a: string, b: string): boolean;
}

interface MacroSummary {
  /** The names the bodies call. */
  names: string[];
  /** No body calls a parameter or pastes tokens: every use calls `names`, whatever its arguments. */
  fixed: boolean;
  pastes: boolean;
  /** Every name the bodies hold. */
  identifiers: Set<string>;
}

export interface MacroCallee {
  /** The macro's use, in the file's calls. */
  use: CallFact;
  callee: string;
}

export type Declaration = 'not-used' | 'used' | 'missing' | 'unknown';

const MAX_DEPTH = 6;
export const CREATE_SINGLE_PHASE = new Set(['PyModule_Create', 'PyModule_Create2']);
/** The calls that make a module and declare its GIL use: what the walk from each init looks for. */
const MODULE_CALLS: ReadonlySet<string> = new Set(['PyModuleDef_Init', ...CREATE_SINGLE_PHASE, 'PyUnstable_Module_SetGIL']);

class Index {
  readonly functions = new Map<string, InFile<FunctionFact>[]>();
  private readonly byFile = new Map<string, FileFacts>();
  readonly defs = new Map<string, InFile<ModuleDefFact>[]>();
  readonly slotArrays = new Map<string, InFile<SlotArrayFact>[]>();
  readonly defines = new Map<string, InFile<DefineFact>[]>();

  constructor(
    files: readonly FileFacts[],
    private readonly sameUnit: (a: string, b: string) => boolean,
  ) {
    for (const f of files) {
      for (const fn of f.functions) push(this.functions, fn.name, { file: f.file, fact: fn });
      this.byFile.set(f.file, f);
      for (const def of f.moduleDefs) push(this.defs, def.name, { file: f.file, fact: def });
      for (const array of f.slotArrays) push(this.slotArrays, array.name, { file: f.file, fact: array });
      for (const define of f.defines) push(this.defines, define.name, { file: f.file, fact: define });
    }
  }

  /** Follows object-like macros (`#define MODULE_SLOTS module_slots`) to the name they stand for. */
  alias(name: string): string {
    let current = name;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const defs = this.defines.get(current)?.filter((d) => d.fact.params === null);
      const target = defs?.length ? referencedName(defs[0].fact.body) : null;
      if (target === null) return current;
      current = target;
    }
    return current;
  }

  /**
   * The definition a name refers to from `file`, among those compiled in the free-threaded
   * build: the same file first, else one that other files can name (not static, or in a header).
   */
  pick<T extends { guard: Guard; isStatic?: boolean }>(table: Map<string, InFile<T>[]>, name: string, file: string): InFile<T> | null {
    let fallback: InFile<T> | null = null;
    for (const candidate of table.get(this.alias(name)) ?? []) {
      if (compiledInAny(candidate.fact.guard, FREE_THREADED) === false) continue;
      if (candidate.file === file) return candidate;
      // A static definition in another .c file is out of reach, unless the name is used in a header the file includes
      // or the two files are compiled together.
      if (candidate.fact.isStatic && !candidate.file.endsWith('.h') && !file.endsWith('.h') && !this.sameUnit(candidate.file, file)) continue;
      fallback ??= candidate;
    }
    return fallback;
  }

  /** The calls made in functions named `name` of `file`, in every `#if` branch. */
  private calls(file: string, name: string): readonly CallFact[] {
    const facts = this.byFile.get(file);
    return facts === undefined ? [] : factsIn(facts, name).calls;
  }

  /** The assignments made in functions named `name` of `file`. */
  private assignments(file: string, name: string): readonly AssignmentFact[] {
    const facts = this.byFile.get(file);
    return facts === undefined ? [] : factsIn(facts, name).assignments;
  }

  /**
   * The calls in one function's body; same-named functions in `#if`/`#else` branches stay apart.
   * The calls are in source order, so a body's are one run of them, found by halving: a file of
   * thousands of same-named definitions stays linear.
   */
  callsIn(fn: InFile<FunctionFact>): readonly CallFact[] {
    const { extent } = fn.fact;
    const calls = this.calls(fn.file, fn.fact.name);
    const from = partitionPoint(calls, (c) => startsBeforePoint(c.range, extent.startLine, extent.startColumn));
    const to = partitionPoint(calls, (c) => startsBeforePoint(c.range, extent.endLine, extent.endColumn));
    return from === 0 && to === calls.length ? calls : calls.slice(from, to);
  }

  /**
   * The calls a function-like project macro makes where it is used:
   * `MOD_DEF(m, "spam", doc, methods)` → `m = PyModule_Create(&moduledef)`; with `wanted`, only
   * the calls to those names.
   */
  macroCalls(call: InFile<CallFact>, wanted: ReadonlySet<string> | null = null, depth = 0): InFile<CallFact>[] {
    const found: InFile<CallFact>[] = [];
    if (depth >= MAX_DEPTH || (wanted !== null && !this.mayReach(call.fact.callee, call.fact.args, wanted))) return found;
    for (const { define, callee, args, before } of this.expansion(call.fact.callee, call.fact.args)) {
      const isWanted = wanted === null || wanted.has(callee);
      const isMacro = this.defines.has(callee);
      if (!isWanted && !isMacro) continue;
      const synthetic: CallFact = {
        ...call.fact,
        callee,
        args,
        // A body that is just the call, `PyDict_GetItem((d), (k))`, gives its result to the use's variable.
        assignedTo: assignmentBefore(before.slice(-200)) ?? (/^[\s(]*$/.test(before) ? call.fact.assignedTo : null),
        guard: [...define.guard, ...call.fact.guard],
        viaMacro: call.fact.viaMacro ?? call.fact.callee,
      };
      const expanded = { file: call.file, fact: synthetic };
      if (isWanted) found.push(expanded);
      if (isMacro) found.push(...this.macroCalls(expanded, wanted, depth + 1));
    }
    return found;
  }

  /** The names among `wanted` that the use `callee(args…)` calls, in the order macroCalls finds them, without building the calls. */
  calleesOf(callee: string, args: readonly string[], wanted: ReadonlySet<string>, found: string[] = [], depth = 0): string[] {
    if (depth >= MAX_DEPTH || !this.mayReach(callee, args, wanted)) return found;
    for (const call of this.expansion(callee, args)) {
      if (wanted.has(call.callee)) found.push(call.callee);
      if (this.defines.has(call.callee)) this.calleesOf(call.callee, call.args, wanted, found, depth + 1);
    }
    return found;
  }

  private readonly expansions = new Map<string, ExpansionCall<DefineFact>[]>();

  /** The calls one macro use expands to; the same use text recurs often, and each rule asks again. */
  private expansion(callee: string, args: readonly string[]): ExpansionCall<DefineFact>[] {
    const key = `${callee}\0${args.join('\0')}`;
    let calls = this.expansions.get(key);
    if (calls === undefined) {
      const defines = (this.defines.get(callee) ?? []).map((d) => d.fact);
      this.expansions.set(key, (calls = [...expansionCalls(callee, args, defines)]));
    }
    return calls;
  }

  private readonly summaries = new Map<string, MacroSummary>();

  /** What the uses of `macro` can call, through the macros it uses, within the MAX_DEPTH levels macroCalls expands. */
  private summary(macro: string): MacroSummary {
    const known = this.summaries.get(macro);
    if (known !== undefined) return known;
    const summary: MacroSummary = { names: [], fixed: true, pastes: false, identifiers: new Set() };
    const names = new Set<string>();
    const seen = new Set([macro]);
    for (let level = [macro], depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
      const next: string[] = [];
      for (const name of level) {
        for (const { fact: define } of this.defines.get(name) ?? []) {
          if (define.params === null || define.calls.length === 0) continue;
          const params = parameterNames(define.params);
          summary.pastes ||= define.body.includes('##');
          if (summary.pastes || define.calls.some((c) => params.includes(c))) summary.fixed = false;
          for (const id of define.body.match(IDENTIFIER) ?? []) summary.identifiers.add(id);
          for (const call of define.calls) {
            if (C_KEYWORDS.has(call) || call === name) continue;
            names.add(call);
            if (this.defines.has(call) && !seen.has(call)) {
              seen.add(call);
              next.push(call);
            }
          }
        }
      }
      level = next;
    }
    summary.names = [...names];
    this.summaries.set(macro, summary);
    return summary;
  }

  /**
   * The names every use of `macro` calls, as macroCalls expands them (a macro's own name
   * skipped); null when a body pastes tokens or calls one of its parameters, in it or in a
   * macro it uses: then the arguments decide.
   */
  fixedCallees(macro: string): string[] | null {
    const summary = this.summary(macro);
    return summary.fixed ? summary.names : null;
  }

  /**
   * Whether the use `macro(args…)` can expand to a call of one of `wanted`: through a name its
   * bodies call or, when an argument can become a callee, through any name of its bodies and
   * arguments (substitution only moves names around); any name at all when a body pastes.
   */
  private mayReach(macro: string, args: readonly string[], wanted: ReadonlySet<string>): boolean {
    const summary = this.summary(macro);
    if (summary.names.some((n) => wanted.has(n))) return true;
    if (summary.fixed) return false;
    if (summary.pastes) return true;
    for (const id of summary.identifiers) if (wanted.has(id)) return true;
    return args.some((a) => (a.match(IDENTIFIER) ?? []).some((n) => wanted.has(n)));
  }

  /** The definition a call reaches. */
  callee(name: string, file: string): InFile<FunctionFact> | undefined {
    return visibleFrom(this.functions.get(name) ?? [], file, this.sameUnit);
  }

  /** The assignments in one function's body, as callsIn finds its calls (sorted first: chained stores are found after the plain ones). */
  assignmentsIn(fn: InFile<FunctionFact>): readonly AssignmentFact[] {
    const key = `${fn.file}\0${fn.fact.name}`;
    let sorted = this.sortedAssignments.get(key);
    if (sorted === undefined) {
      sorted = [...this.assignments(fn.file, fn.fact.name)].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
      this.sortedAssignments.set(key, sorted);
    }
    const { extent } = fn.fact;
    return sorted.slice(
      partitionPoint(sorted, (a) => startsBeforePoint(a.range, extent.startLine, extent.startColumn)),
      partitionPoint(sorted, (a) => startsBeforePoint(a.range, extent.endLine, extent.endColumn)),
    );
  }

  private readonly sortedAssignments = new Map<string, AssignmentFact[]>();
  private readonly bodies = new Map<string, InFile<FunctionFact>[]>();

  /** The function whose body holds `call`: the last of its file's same-named definitions to start before it. */
  enclosing(call: InFile<CallFact>): InFile<FunctionFact> | undefined {
    const name = call.fact.inFunction;
    if (name === null) return undefined;
    const key = `${call.file}\0${name}`;
    let bodies = this.bodies.get(key);
    if (bodies === undefined) {
      bodies = (this.functions.get(name) ?? []).filter((f) => f.file === call.file);
      bodies.sort((a, b) => a.fact.extent.startLine - b.fact.extent.startLine || a.fact.extent.startColumn - b.fact.extent.startColumn);
      this.bodies.set(key, bodies);
    }
    const fn = bodies[partitionPoint(bodies, (f) => !startsBeforePoint(call.fact.range, f.fact.extent.startLine, f.fact.extent.startColumn)) - 1];
    return fn !== undefined && within(call.fact.range, fn.fact.extent) ? fn : undefined;
  }

  private readonly stores = new Map<FunctionFact, { names: SlotStore[]; calls: SlotStore[] }>();

  /** What one function stores in `m_slots` fields, found once however many modules a shared helper makes. */
  slotStores(fn: InFile<FunctionFact>): { names: SlotStore[]; calls: SlotStore[] } {
    let found = this.stores.get(fn.fact);
    if (found === undefined) {
      found = { names: [], calls: [] };
      for (const a of this.assignmentsIn(fn)) {
        const def = slotsFieldOwner(a.target);
        if (def !== undefined) found.names.push({ def, text: a.value });
      }
      for (const c of this.callsIn(fn)) {
        const def = c.assignedTo === null ? undefined : slotsFieldOwner(c.assignedTo);
        if (def !== undefined) found.calls.push({ def, text: `${c.callee}(…)` });
      }
      this.stores.set(fn.fact, found);
    }
    return found;
  }

  private readonly steps = new Map<FunctionFact, FunctionStep>();

  /** What one function contributes to a walk from an init: its calls of each name, macro expansions included, and the project functions it calls. */
  private step(fn: InFile<FunctionFact>): FunctionStep {
    let step = this.steps.get(fn.fact);
    if (step !== undefined) return step;
    step = { calls: new Map(), callees: [] };
    let order = 0;
    const add = (call: InFile<CallFact>) => push(step.calls, call.fact.callee, { order: order++, call });
    for (const call of this.callsIn(fn)) {
      const here = { file: fn.file, fact: call };
      add(here);
      for (const expanded of this.macroCalls(here)) add(expanded);
      if (call.callee.startsWith('PyInit_')) continue;
      const callee = this.callee(call.callee, fn.file);
      if (callee) step.callees.push(callee);
    }
    this.steps.set(fn.fact, step);
    return step;
  }

  /**
   * The calls of `wanted` names made by `init` or by the project functions it calls,
   * transitively, with the calls inside project macros; nearest functions first, each one's in
   * source order. Another module's PyInit_ is not entered: what it declares is its own. Each
   * function's part is worked out once, however many inits share it.
   */
  reachableCalls(init: InFile<FunctionFact>, wanted: ReadonlySet<string>): InFile<CallFact>[] {
    const found: InFile<CallFact>[] = [];
    const seen = new Set<InFile<FunctionFact>>();
    let frontier: InFile<FunctionFact>[] = [init];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: InFile<FunctionFact>[] = [];
      for (const fn of frontier) {
        if (seen.has(fn)) continue;
        seen.add(fn);
        const step = this.step(fn);
        const ordered = [...wanted].flatMap((name) => step.calls.get(name) ?? []).sort((a, b) => a.order - b.order);
        for (const { call } of ordered) found.push(call);
        next.push(...step.callees);
      }
      frontier = next;
    }
    return found;
  }
}

/** A store into an `m_slots` field: `def.m_slots = …` names its def; `p->m_slots = …` (def null) is taken to be the module's own def, as the scan cannot follow `&def`. */
interface SlotStore {
  def: string | null;
  /** The name stored, or `call(…)`. */
  text: string;
}

/** The def whose `m_slots` field `target` is (null through a pointer), undefined for any other target. */
function slotsFieldOwner(target: string): string | null | undefined {
  const m = /^([A-Za-z_]\w*)(\.|->)m_slots$/.exec(target);
  if (m === null) return undefined;
  return m[2] === '->' ? null : m[1];
}

interface FunctionStep {
  calls: Map<string, { order: number; call: InFile<CallFact> }[]>;
  callees: InFile<FunctionFact>[];
}

/** Whether `range` starts before the point. */
function startsBeforePoint(range: Range, line: number, column: number): boolean {
  return range.startLine < line || (range.startLine === line && range.startColumn < column);
}

const C_KEYWORDS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'defined', '_Alignof', 'alignof']);

type MacroBody = Pick<DefineFact, 'params' | 'body' | 'calls'>;

interface ExpansionCall<T> {
  define: T;
  callee: string;
  args: string[];
  before: string;
}

/**
 * The calls in the expansion of one use of a function-like macro, `callee(args…)`, one for
 * each of its definitions: the parameters substituted and `##` pasted, with the text before
 * each call in the expansion.
 */
function* expansionCalls<T extends MacroBody>(callee: string, args: readonly string[], defines: readonly T[]): Generator<ExpansionCall<T>> {
  for (const define of defines) {
    if (define.params === null || define.calls.length === 0) continue;
    const body = substitute(define.body, define.params, args);
    for (const { name, start, paren } of namesBeforeParens(body)) {
      if (C_KEYWORDS.has(name) || name === callee) continue;
      yield { define, callee: name, args: listItems(body, paren).items.map((i) => i.text), before: body.slice(0, start) };
    }
  }
}

/** Every name the uses of `callee(args…)` call, through the macros its expansion uses in turn, as ProjectFacts.macroCalls expands them. */
export function macroCallees(callee: string, args: readonly string[], defines: ReadonlyMap<string, readonly MacroBody[]>, found: Set<string>, depth = 0): void {
  if (depth >= MAX_DEPTH) return;
  for (const call of expansionCalls(callee, args, defines.get(callee) ?? [])) {
    found.add(call.callee);
    macroCallees(call.callee, call.args, defines, found, depth + 1);
  }
}

function within(range: Range, extent: Range): boolean {
  return !startsBeforePoint(range, extent.startLine, extent.startColumn) && startsBeforePoint(range, extent.endLine, extent.endColumn);
}

/** A macro body with its parameters replaced by the arguments of one use, `##` pasted. */
const paramPatterns = new Map<string, RegExp>();

/** The names a macro's body uses for its parameters: a variadic one is `__VA_ARGS__` (`...`) or, in GNU C, `rest` (`rest...`). */
function parameterNames(params: readonly string[]): string[] {
  const last = params[params.length - 1];
  if (last === undefined || !last.endsWith('...')) return [...params];
  return [...params.slice(0, -1), last === '...' ? '__VA_ARGS__' : last.replace(/\s*\.\.\.$/, '')];
}

/** `a ## b` → `ab`: split at each `##` rather than a pattern that tries every run of white space. */
function paste(text: string): string {
  if (!text.includes('##')) return text;
  const parts = text.split('##');
  const last = parts.length - 1;
  return parts.map((part, i) => (i === 0 ? part.trimEnd() : i === last ? part.trimStart() : part.trim())).join('');
}

function substitute(body: string, params: readonly string[], args: readonly string[]): string {
  if (params.length === 0) return paste(body);
  // A variadic macro takes the remaining arguments in its last parameter.
  const variadic = params[params.length - 1].endsWith('...');
  const names = parameterNames(params);
  const values = variadic ? [...args.slice(0, params.length - 1), args.slice(params.length - 1).join(', ')] : args;
  const key = names.join(',');
  let pattern = paramPatterns.get(key);
  if (pattern === undefined) paramPatterns.set(key, (pattern = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g')));
  const text = body.replace(pattern, (p) => values[names.indexOf(p)] ?? p);
  return paste(text);
}

/** Init-function macros of well-known headers, used when the project does not define them itself (py3c). */
const KNOWN_INIT_MACROS = new Set(['MODULE_INIT_FUNC']);

/** The `PyInit_<name>` a function defines, through a macro header such as `MOD_INIT(spam)`. */
function initName(fn: FunctionFact, index: Index): string | null {
  if (fn.macro === null) return fn.name.startsWith('PyInit_') && fn.name.length > 'PyInit_'.length ? fn.name : null;
  const { name, args } = fn.macro;
  const defines = (index.defines.get(name) ?? []).filter((d) => d.fact.params !== null && compiledInAny(d.fact.guard, FREE_THREADED) !== false);
  for (const { fact: define } of defines) {
    const pasted = /PyInit_\s*##\s*([A-Za-z_]\w*)/.exec(define.body);
    const at = pasted ? (define.params ?? []).indexOf(pasted[1]) : -1;
    if (at >= 0 && args[at]) return `PyInit_${args[at]}`;
  }
  return defines.length === 0 && KNOWN_INIT_MACROS.has(name) ? `PyInit_${args[0]}` : null;
}

/**
 * The definition code in `file` refers to: its own file's first, then one of a file compiled
 * with it (a unity build), else one other files can name (not static, or in a header).
 */
export function visibleFrom<T extends { isStatic: boolean }>(
  candidates: readonly InFile<T>[],
  file: string,
  sameUnit: (a: string, b: string) => boolean,
): InFile<T> | undefined {
  return (
    candidates.find((c) => c.file === file) ??
    candidates.find((c) => sameUnit(c.file, file)) ??
    candidates.find((c) => !c.fact.isStatic || c.file.endsWith('.h'))
  );
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `Py_MOD_GIL_NOT_USED`, `(void *)Py_MOD_GIL_NOT_USED` → `Py_MOD_GIL_NOT_USED`. */
export function gilValue(text: string): string {
  return referencedName(text) ?? text;
}

const GIL_VALUES = new Set(['Py_MOD_GIL_USED', 'Py_MOD_GIL_NOT_USED']);

/**
 * A Py_mod_gil value through the project's object-like macros (`#define MY_GIL Py_MOD_GIL_USED`),
 * each definition under its own guard, so `#ifdef`/`#else` definitions give a value each; null
 * when a name on the way has no definition in the scan.
 */
function gilValuesOf(value: string, index: Index, depth = 0): { value: string; guard: Guard }[] | null {
  if (GIL_VALUES.has(value) || !/^[A-Za-z_]\w*$/.test(value)) return [{ value, guard: [] }];
  const defines = (index.defines.get(value) ?? []).filter((d) => d.fact.params === null);
  if (defines.length === 0 || depth >= MAX_DEPTH) return null;
  const found: { value: string; guard: Guard }[] = [];
  for (const { fact: define } of defines) {
    const inner = gilValuesOf(gilValue(define.body), index, depth + 1);
    if (inner === null) return null;
    for (const v of inner) found.push({ value: v.value, guard: [...define.guard, ...v.guard] });
  }
  return found;
}

function gilSlotsOf(array: InFile<SlotArrayFact>, index: Index, unresolved: string[]): GilSlot[] {
  const slots: GilSlot[] = [];
  const add = (entry: Omit<GilSlot, 'value' | 'valueMacro' | 'valueGuard'>, written: string): void => {
    const value = gilValue(written);
    const resolved = gilValuesOf(value, index);
    if (resolved === null) unresolved.push(`the slot value ${value} could not be resolved (no #define for it in the scanned files)`);
    for (const v of resolved ?? [{ value, guard: [] }]) {
      slots.push({ ...entry, value: v.value, valueMacro: v.value === value ? null : value, valueGuard: v.guard });
    }
  };
  const expand = (name: string, args: string[] | null, useGuard: Guard, depth: number): void => {
    const defines = index.defines.get(name) ?? [];
    if (defines.length === 0 || depth >= MAX_DEPTH) {
      unresolved.push(`slot entry ${name} is a macro the scan could not resolve`);
      return;
    }
    for (const { file, fact: define } of defines) {
      const guard = [...define.guard, ...useGuard];
      const body = `{${define.params === null ? define.body : substitute(define.body, define.params, args ?? [])}}`;
      for (const item of listItems(body, 0).items) {
        if (item.brace !== null) {
          const inner = listItems(body, item.brace, ['slot', 'value']).items;
          if (inner.find((i) => i.field === 'slot')?.value === 'Py_mod_gil') {
            add({ file, range: define.range, guard, viaMacro: name }, inner.find((i) => i.field === 'value')?.value ?? '');
          }
        } else if (/^[A-Za-z_]\w*$/.test(item.text)) {
          expand(item.text, null, guard, depth + 1);
        }
      }
    }
  };
  for (const entry of array.fact.entries) {
    if (entry.kind === 'slot') {
      if (entry.slot === 'Py_mod_gil') add({ file: array.file, range: entry.range, guard: entry.guard, viaMacro: null }, entry.value);
    } else {
      expand(entry.name, entry.args, entry.guard, 0);
    }
  }
  return slots;
}

function moduleName(def: InFile<ModuleDefFact> | null, init: { name: string } | null, index: Index): string {
  const written = def?.fact.moduleName;
  if (written && 'literal' in written) return written.literal;
  if (written && 'expression' in written) {
    const define = index.defines.get(written.expression)?.[0]?.fact.body;
    const literal = define?.match(/^"([^"]*)"$/)?.[1];
    if (literal !== undefined) return literal;
  }
  if (init) return init.name.slice('PyInit_'.length);
  return def?.fact.name ?? '?';
}

function creationOf(calls: InFile<CallFact>[]): { style: InitStyle; call: InFile<CallFact> | null } {
  const compiled = calls.filter((c) => compiledInAny(c.fact.guard, FREE_THREADED) !== false);
  const multi = compiled.find((c) => c.fact.callee === 'PyModuleDef_Init');
  if (multi) return { style: 'multi-phase', call: multi };
  const single = compiled.find((c) => CREATE_SINGLE_PHASE.has(c.fact.callee));
  if (single) return { style: 'single-phase', call: single };
  return { style: 'unknown', call: null };
}

/**
 * What the functions that make the module assign to the def's m_slots at run time, for a def
 * whose initialiser leaves the field out: `def.m_slots = slots;` (a name) or
 * `def.m_slots = make_slots();` (a call the scan cannot follow).
 */
function runtimeSlots(def: InFile<ModuleDefFact>, functions: readonly InFile<FunctionFact>[], index: Index): { names: string[]; other: string[] } {
  const names: string[] = [];
  const other: string[] = [];
  const isDefs = (store: SlotStore) => store.def === null || store.def === def.fact.name;
  for (const fn of functions) {
    const stores = index.slotStores(fn);
    for (const store of stores.names) if (isDefs(store)) names.push(store.text);
    for (const store of stores.calls) if (isDefs(store)) other.push(store.text);
  }
  return { names, other };
}

function resolveSlots(module: ModuleFact, index: Index, runtime: { names: string[]; other: string[] } = { names: [], other: [] }): void {
  const def = module.def;
  if (def === null) return;
  const slots = def.fact.slots;
  const names = new Set(runtime.names);
  if (slots.kind === 'name') names.add(slots.name);
  const other = [...runtime.other, ...(slots.kind === 'other' ? [slots.text] : [])];
  if (other.length > 0) {
    module.unresolved.push(`m_slots is set to ${other.join(' and ')}, which the scan cannot follow`);
  } else if (names.size > 1) {
    module.unresolved.push(`m_slots is set to ${[...names].join(' and to ')}`);
  } else if (names.size === 1) {
    const name = [...names][0];
    module.slotArray = index.pick(index.slotArrays, name, def.file);
    if (module.slotArray === null) module.unresolved.push(`m_slots names ${name}, which the scanned files do not define`);
  }
  if (module.slotArray) module.gilSlots = gilSlotsOf(module.slotArray, index, module.unresolved);
}

/** A module's files: those holding one of its parts, then the others of its directory tree. */
interface FileOwner {
  home: string;
  files: string[];
}

function ownerOf(m: ModuleFact): FileOwner {
  const parts = [m.init?.file, m.def?.file, m.slotArray?.file, ...m.gilSlots.map((s) => s.file), ...m.setGilCalls.map((c) => c.file)];
  m.files = [...new Set(parts.filter((f): f is string => f !== undefined))];
  return { home: path.posix.dirname((m.init ?? m.def)?.file ?? ''), files: m.files };
}

function assignFiles(owners: FileOwner[], files: readonly FileFacts[]): void {
  const owned = new Set(owners.flatMap((o) => o.files));
  const byHome = new Map<string, FileOwner[]>();
  for (const o of owners) {
    const same = byHome.get(o.home);
    if (same) same.push(o);
    else byHome.set(o.home, [o]);
  }
  for (const f of files) {
    if (owned.has(f.file)) continue;
    // The modules of the deepest directory at or above the file's own.
    for (let dir = path.posix.dirname(f.file); ; dir = path.posix.dirname(dir)) {
      const here = byHome.get(dir);
      if (here !== undefined) {
        for (const o of here) o.files.push(f.file);
        break;
      }
      if (dir === path.posix.dirname(dir)) break;
    }
  }
  for (const o of owners) o.files.sort();
}

function emptyModule(): Omit<ModuleFact, 'name' | 'initStyle' | 'init' | 'creation' | 'def'> {
  return { slotArray: null, unresolved: [], gilSlots: [], setGilCalls: [], misdirectedSetGilCalls: [], unreachableSetGilCalls: [], files: [] };
}

/** The PyModuleDef a creation call names, traced through a helper's parameter to the helper's caller. */
function defOf(call: InFile<CallFact>, init: InFile<FunctionFact>, index: Index): InFile<ModuleDefFact> | null {
  let name = referencedName(call.fact.args[0] ?? '');
  const helper = call.fact.inFunction === null ? undefined : index.callee(call.fact.inFunction, call.file);
  const param = name === null || helper === undefined ? -1 : helper.fact.params.indexOf(name);
  let from = call.file;
  if (param >= 0 && helper !== undefined) {
    const use = index.reachableCalls(init, new Set([helper.fact.name]))[0];
    name = use ? referencedName(use.fact.args[param] ?? '') : null;
    from = use?.file ?? from;
  }
  return name === null ? null : index.pick(index.defs, name, from);
}

/**
 * The variables that hold the module a creation call makes: the one it is assigned to and its
 * plain copies made after it (`PyObject *mod = m;`, `self = mod;`), however chained.
 */
function moduleVariables(creation: InFile<CallFact>, index: Index): Set<string> {
  const names = new Set<string>();
  if (creation.fact.assignedTo === null) return names;
  names.add(creation.fact.assignedTo);
  const fn = index.enclosing(creation);
  const copies = fn === undefined ? [] : index.assignmentsIn(fn).filter((a) => startsAfter(a.range, creation.fact.range));
  for (let grown = true; grown; ) {
    grown = false;
    for (const copy of copies) {
      if (names.has(copy.value) && !names.has(copy.target)) {
        names.add(copy.target);
        grown = true;
      }
    }
  }
  return names;
}

function startsAfter(a: Range, b: Range): boolean {
  return a.startLine > b.startLine || (a.startLine === b.startLine && a.startColumn > b.startColumn);
}

/** The unconditional `return` that a call follows in its function, if any: such a call never runs. */
function returnBefore(call: InFile<CallFact>, index: Index): Range | null {
  return index.enclosing(call)?.fact.unreachable.find((u) => within(call.fact.range, u.range))?.afterReturn ?? null;
}

/**
 * PyUnstable_Module_SetGIL calls on the module being created, those in the same function on
 * another object (a submodule, or a typo that only the free-threaded build would catch), and
 * those placed where they never run.
 */
function setGilCallsOf(
  calls: readonly InFile<CallFact>[],
  creation: InFile<CallFact> | null,
  index: Index,
): Pick<ModuleFact, 'setGilCalls' | 'misdirectedSetGilCalls' | 'unreachableSetGilCalls'> {
  const module = creation === null ? new Set<string>() : moduleVariables(creation, index);
  const found: ReturnType<typeof setGilCallsOf> = { setGilCalls: [], misdirectedSetGilCalls: [], unreachableSetGilCalls: [] };
  for (const c of calls) {
    if (c.fact.callee !== 'PyUnstable_Module_SetGIL') continue;
    const afterReturn = returnBefore(c, index);
    if (afterReturn !== null) {
      found.unreachableSetGilCalls.push({ ...c, afterReturn });
      continue;
    }
    const target = c.fact.args[0] ?? '';
    const sameFunction = creation !== null && c.file === creation.file && c.fact.inFunction === creation.fact.inFunction;
    const other = sameFunction && module.size > 0 && /^[A-Za-z_]\w*$/.test(target) && !module.has(target);
    (other ? found.misdirectedSetGilCalls : found.setGilCalls).push(c);
  }
  return found;
}

export function projectFacts(scanned: FileFacts[], buildFiles: BuildFileFacts[] = []): ProjectFacts {
  // What a header that no Python 3 build reads declares or calls is never compiled.
  const sites = includeSites(scanned);
  const dead = deadHeaders(sites);
  const files = dead.size === 0 ? scanned : scanned.filter((f) => !dead.has(f.file));
  const sameUnit = unitsOf(sites);
  const index = new Index(files, sameUnit);
  const modules: ModuleFact[] = [];
  const claimed = new Set<ModuleDefFact>();
  const compiledDefs = new Map<string, number>();
  const claimedDefs = new Map<string, number>();
  const compiled = (d: ModuleDefFact) => compiledInAny(d.guard, FREE_THREADED) !== false;
  /** How many of a file's defs the free-threaded build compiles that no init has claimed yet. */
  const openDefs = (f: FileFacts) => {
    let count = compiledDefs.get(f.file);
    if (count === undefined) compiledDefs.set(f.file, (count = f.moduleDefs.filter(compiled).length));
    return count - (claimedDefs.get(f.file) ?? 0);
  };
  const claim = (def: InFile<ModuleDefFact>) => {
    if (claimed.has(def.fact)) return;
    claimed.add(def.fact);
    if (compiled(def.fact)) claimedDefs.set(def.file, (claimedDefs.get(def.file) ?? 0) + 1);
  };

  for (const f of files) {
    for (const fn of f.functions) {
      const name = initName(fn, index);
      if (name === null || compiledInAny(fn.guard, FREE_THREADED) === false) continue;
      const init = { file: f.file, fact: fn };
      const calls = index.reachableCalls(init, MODULE_CALLS);
      const { style, call } = creationOf(calls);
      let def = call ? defOf(call, init, index) : null;
      // A def in the same file that nothing else claims belongs to this init (its creation may hide in a macro).
      // Counted, not listed, for each init: a file of thousands of modules stays linear.
      if (def === null && openDefs(f) === 1) {
        const unclaimed = f.moduleDefs.filter((d) => !claimed.has(d) && compiledInAny(d.guard, FREE_THREADED) !== false);
        if (unclaimed.length === 1) def = { file: f.file, fact: unclaimed[0] };
      }
      if (def) claim(def);
      const module: ModuleFact = { name: moduleName(def, { name }, index), initStyle: style, init, creation: call, def, ...emptyModule() };
      Object.assign(module, setGilCallsOf(calls, call, index));
      // The init function and the helper that makes the module may set m_slots before PyModuleDef_Init.
      const makers = [init];
      const helper = call === null ? undefined : index.enclosing(call);
      if (helper !== undefined && helper.fact !== init.fact) makers.push(helper);
      resolveSlots(module, index, def === null ? undefined : runtimeSlots(def, makers, index));
      modules.push(module);
    }
  }
  // A def that no init function reaches (its init may be generated by a macro) still tells
  // us something when it has slots: only multi-phase modules have them.
  for (const f of files) {
    for (const def of f.moduleDefs) {
      if (claimed.has(def)) continue;
      const inFile = { file: f.file, fact: def };
      const hasSlots = def.slots.kind === 'name' || def.slots.kind === 'other';
      const module: ModuleFact = {
        name: moduleName(inFile, null, index),
        initStyle: hasSlots ? 'multi-phase' : 'unknown',
        init: null,
        creation: null,
        def: inFile,
        ...emptyModule(),
      };
      resolveSlots(module, index);
      modules.push(module);
    }
  }
  const bindings = bindingModules(files, buildFiles);
  assignFiles([...modules.map(ownerOf), ...bindings.map((b) => ({ home: path.posix.dirname(b.file), files: b.files }))], files);
  // Each rule asks with its own names; the uses of project macros in a file are found once.
  const uses = new WeakMap<FileFacts, CallFact[]>();
  const macroUses = (facts: FileFacts): CallFact[] => {
    let found = uses.get(facts);
    if (found === undefined) uses.set(facts, (found = facts.calls.filter((call) => index.defines.has(call.callee))));
    return found;
  };
  const expanded = new WeakMap<ReadonlySet<string>, WeakMap<FileFacts, CallFact[]>>();
  const macroCalls = (facts: FileFacts, wanted: ReadonlySet<string>): CallFact[] => {
    let byFile = expanded.get(wanted);
    if (byFile === undefined) expanded.set(wanted, (byFile = new WeakMap()));
    let found = byFile.get(facts);
    if (found === undefined) {
      found = macroUses(facts).flatMap((call) => index.macroCalls({ file: facts.file, fact: call }, wanted).map((c) => c.fact));
      byFile.set(facts, found);
    }
    return found;
  };
  const macroCallees = (facts: FileFacts, wanted: ReadonlySet<string>): MacroCallee[] => {
    const found: MacroCallee[] = [];
    for (const use of macroUses(facts)) {
      const fixed = index.fixedCallees(use.callee);
      if (fixed === null) {
        for (const callee of index.calleesOf(use.callee, use.args, wanted)) found.push({ use, callee });
      } else {
        for (const callee of fixed) if (wanted.has(callee)) found.push({ use, callee });
      }
    }
    return found;
  };
  return { files, modules, bindings, buildFiles, macroCalls, macroCallees, sameUnit };
}

/** Whether a slot's entry, and the definition its value came through, are compiled in the free-threaded build. */
export function slotInFreeThreaded(slot: GilSlot): boolean {
  return compiledInAny([...slot.guard, ...slot.valueGuard], FREE_THREADED) !== false;
}

/** What a module declares to a free-threaded interpreter that imports it, and why when that cannot be told. */
function judge(module: ModuleFact): { declaration: Declaration; because: string | null } {
  const single = module.initStyle === 'single-phase';
  const values = single
    ? module.setGilCalls.filter((c) => compiledInAny(c.fact.guard, FREE_THREADED) !== false).map((c) => gilValue(c.fact.args[1] ?? ''))
    : module.gilSlots.filter(slotInFreeThreaded).map((s) => s.value);
  if (values.includes('Py_MOD_GIL_NOT_USED')) return { declaration: 'not-used', because: null };
  if (values.includes('Py_MOD_GIL_USED')) return { declaration: 'used', because: null };
  const unknown = (because: string) => ({ declaration: 'unknown' as const, because });
  if (module.unresolved.length > 0) return unknown([...new Set(module.unresolved)].join('; '));
  if (values.length > 0) {
    const what = single ? 'PyUnstable_Module_SetGIL is given' : 'the Py_mod_gil value is';
    return unknown(`${what} ${values.join(' or ')}, neither Py_MOD_GIL_USED nor Py_MOD_GIL_NOT_USED`);
  }
  if (module.initStyle === 'unknown') {
    return unknown(
      module.init
        ? `${module.init.fact.name} calls neither PyModuleDef_Init nor PyModule_Create (not even through the functions and macros it uses)`
        : `no PyInit_ function found for PyModuleDef ${module.def?.fact.name ?? '?'}`,
    );
  }
  if (module.initStyle === 'multi-phase' && module.def === null) return unknown('the PyModuleDef given to PyModuleDef_Init was not found');
  return { declaration: 'missing', because: null };
}

export function declarationOf(module: ModuleFact): Declaration {
  return judge(module).declaration;
}

/** Why what a module declares cannot be told, for the readiness report; null when it can. */
export function undecidedBecause(module: ModuleFact): string | null {
  return judge(module).because;
}
