/**
 * The project pass: joins the facts of all files into extension modules. A module's parts
 * (its `PyInit_` function, its `PyModuleDef`, its slot array, the macros that build them) may
 * sit in different files, so no single file can tell whether a module declares its GIL use.
 */
import path from 'node:path';
import { compiledInAny, FREE_THREADED } from './guards.js';
import { listItems, referencedName } from './initializer.js';
import type { CallFact, DefineFact, FileFacts, FunctionFact, Guard, ModuleDefFact, Range, SlotArrayFact } from './types.js';

export interface InFile<T> {
  file: string;
  fact: T;
}

/** A `{Py_mod_gil, value}` slot entry, written in the array or in a macro the array uses. */
export interface GilSlot {
  file: string;
  range: Range;
  value: string;
  guard: Guard;
  /** The macro whose body holds the entry, if the array names a macro. */
  viaMacro: string | null;
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
  /** `m_slots` names something the scan could not find, or a slot entry is an unknown macro. */
  unresolved: string[];
  gilSlots: GilSlot[];
  setGilCalls: InFile<CallFact>[];
  /** Files that hold a part of the module or sit beside its init function. */
  files: string[];
}

export interface ProjectFacts {
  files: FileFacts[];
  modules: ModuleFact[];
}

export type Declaration = 'not-used' | 'used' | 'missing' | 'unknown';

const MAX_DEPTH = 6;
export const CREATE_SINGLE_PHASE = new Set(['PyModule_Create', 'PyModule_Create2']);

class Index {
  readonly functions = new Map<string, InFile<FunctionFact>[]>();
  readonly calls = new Map<string, CallFact[]>();
  readonly defs = new Map<string, InFile<ModuleDefFact>[]>();
  readonly slotArrays = new Map<string, InFile<SlotArrayFact>[]>();
  readonly defines = new Map<string, InFile<DefineFact>[]>();

  constructor(files: readonly FileFacts[]) {
    for (const f of files) {
      for (const fn of f.functions) push(this.functions, fn.name, { file: f.file, fact: fn });
      for (const call of f.calls) if (call.inFunction !== null) push(this.calls, `${f.file}\0${call.inFunction}`, call);
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

  /** The definition a name refers to from `file`: the same file first, and one compiled in the free-threaded build. */
  pick<T extends { guard: Guard }>(table: Map<string, InFile<T>[]>, name: string, file: string): InFile<T> | null {
    let fallback: InFile<T> | null = null;
    for (const candidate of table.get(this.alias(name)) ?? []) {
      if (compiledInAny(candidate.fact.guard, FREE_THREADED) === false) continue;
      if (candidate.file === file) return candidate;
      fallback ??= candidate;
    }
    return fallback;
  }

  callsIn(file: string, fn: string): CallFact[] {
    return this.calls.get(`${file}\0${fn}`) ?? [];
  }

  /** Every call made by `init` or by the project functions it calls, transitively. */
  reachableCalls(init: InFile<FunctionFact>): InFile<CallFact>[] {
    const found: InFile<CallFact>[] = [];
    const seen = new Set<string>();
    let frontier: InFile<FunctionFact>[] = [init];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
      const next: InFile<FunctionFact>[] = [];
      for (const fn of frontier) {
        const key = `${fn.file}\0${fn.fact.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        for (const call of this.callsIn(fn.file, fn.fact.name)) {
          found.push({ file: fn.file, fact: call });
          const callees = this.functions.get(call.callee) ?? [];
          const callee = callees.find((c) => c.file === fn.file) ?? callees.find((c) => !c.fact.isStatic);
          if (callee) next.push(callee);
        }
      }
      frontier = next;
    }
    return found;
  }
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

function gilSlotsOf(array: InFile<SlotArrayFact>, index: Index, unresolved: string[]): GilSlot[] {
  const slots: GilSlot[] = [];
  const expand = (name: string, useGuard: Guard, depth: number): void => {
    const defines = index.defines.get(name) ?? [];
    if (defines.length === 0 || depth >= MAX_DEPTH) {
      unresolved.push(`slot entry ${name}`);
      return;
    }
    for (const { file, fact: define } of defines) {
      const guard = [...define.guard, ...useGuard];
      const body = `{${define.body}}`;
      for (const item of listItems(body, 0).items) {
        if (item.brace !== null) {
          const inner = listItems(body, item.brace, ['slot', 'value']).items;
          if (inner.find((i) => i.field === 'slot')?.value === 'Py_mod_gil') {
            slots.push({ file, range: define.range, value: gilValue(inner.find((i) => i.field === 'value')?.value ?? ''), guard, viaMacro: name });
          }
        } else if (/^[A-Za-z_]\w*$/.test(item.text)) {
          expand(item.text, guard, depth + 1);
        }
      }
    }
  };
  for (const entry of array.fact.entries) {
    if (entry.kind === 'slot') {
      if (entry.slot === 'Py_mod_gil') {
        slots.push({ file: array.file, range: entry.range, value: gilValue(entry.value), guard: entry.guard, viaMacro: null });
      }
    } else {
      expand(entry.name, entry.guard, 0);
    }
  }
  return slots;
}

function moduleName(def: InFile<ModuleDefFact> | null, init: InFile<FunctionFact> | null, index: Index): string {
  const written = def?.fact.moduleName;
  if (written && 'literal' in written) return written.literal;
  if (written && 'expression' in written) {
    const define = index.defines.get(written.expression)?.[0]?.fact.body;
    const literal = define?.match(/^"([^"]*)"$/)?.[1];
    if (literal !== undefined) return literal;
  }
  if (init) return init.fact.name.slice('PyInit_'.length);
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

function resolveSlots(module: ModuleFact, index: Index): void {
  const def = module.def;
  if (def === null) return;
  const slots = def.fact.slots;
  if (slots.kind === 'name') {
    module.slotArray = index.pick(index.slotArrays, slots.name, def.file);
    if (module.slotArray === null) module.unresolved.push(`m_slots ${slots.name}`);
  } else if (slots.kind === 'other') {
    module.unresolved.push(`m_slots ${slots.text}`);
  }
  if (module.slotArray) module.gilSlots = gilSlotsOf(module.slotArray, index, module.unresolved);
}

function assignFiles(modules: ModuleFact[], files: readonly FileFacts[]): void {
  const owned = new Set<string>();
  const home = (m: ModuleFact) => path.posix.dirname((m.init ?? m.def)?.file ?? '');
  for (const m of modules) {
    const parts = [m.init?.file, m.def?.file, m.slotArray?.file, ...m.gilSlots.map((s) => s.file), ...m.setGilCalls.map((c) => c.file)];
    m.files = [...new Set(parts.filter((f): f is string => f !== undefined))];
    for (const f of m.files) owned.add(f);
  }
  for (const f of files) {
    if (owned.has(f.file)) continue;
    const dir = path.posix.dirname(f.file);
    const inside = (d: string) => d === '.' || dir === d || dir.startsWith(`${d}/`);
    const candidates = modules.filter((m) => inside(home(m)));
    const deepest = Math.max(...candidates.map((m) => home(m).length));
    for (const m of candidates) if (home(m).length === deepest) m.files.push(f.file);
  }
  for (const m of modules) m.files.sort();
}

function emptyModule(): Omit<ModuleFact, 'name' | 'initStyle' | 'init' | 'creation' | 'def'> {
  return { slotArray: null, unresolved: [], gilSlots: [], setGilCalls: [], files: [] };
}

export function projectFacts(files: FileFacts[]): ProjectFacts {
  const index = new Index(files);
  const modules: ModuleFact[] = [];
  const claimed = new Set<ModuleDefFact>();

  for (const f of files) {
    for (const fn of f.functions) {
      if (!fn.name.startsWith('PyInit_') || fn.name.length === 'PyInit_'.length) continue;
      const init = { file: f.file, fact: fn };
      const calls = index.reachableCalls(init);
      const { style, call } = creationOf(calls);
      const defName = call ? referencedName(call.fact.args[0] ?? '') : null;
      const def = call && defName ? index.pick(index.defs, defName, call.file) : null;
      if (def) claimed.add(def.fact);
      const module: ModuleFact = { name: moduleName(def, init, index), initStyle: style, init, creation: call, def, ...emptyModule() };
      module.setGilCalls = calls.filter((c) => c.fact.callee === 'PyUnstable_Module_SetGIL');
      resolveSlots(module, index);
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
  assignFiles(modules, files);
  return { files, modules };
}

/** What a module declares to a free-threaded interpreter that imports it. */
export function declarationOf(module: ModuleFact): Declaration {
  const values =
    module.initStyle === 'single-phase'
      ? module.setGilCalls.filter((c) => compiledInAny(c.fact.guard, FREE_THREADED) !== false).map((c) => gilValue(c.fact.args[1] ?? ''))
      : module.gilSlots.filter((s) => compiledInAny(s.guard, FREE_THREADED) !== false).map((s) => s.value);
  if (values.includes('Py_MOD_GIL_NOT_USED')) return 'not-used';
  if (values.includes('Py_MOD_GIL_USED')) return 'used';
  if (values.length > 0 || module.unresolved.length > 0 || module.initStyle === 'unknown') return 'unknown';
  if (module.initStyle === 'multi-phase' && module.def === null) return 'unknown';
  return 'missing';
}
