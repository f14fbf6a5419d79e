/**
 * Facts: what one file declares and calls, as plain serialisable data. Rules are functions
 * of facts and never see a syntax tree.
 */

/** 1-based lines and columns in UTF-16 code units; the end column is exclusive (SARIF's convention). */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * The preprocessor conditions under which a line is compiled: a conjunction of `#if`
 * expressions, e.g. `['defined(Py_GIL_DISABLED)', '!(PY_VERSION_HEX < 0x030D0000)']`.
 */
export type Guard = string[];

export interface FunctionFact {
  name: string;
  /** Range of the function's name. */
  range: Range;
  isStatic: boolean;
  /** Parameter names in order (`Py_UNUSED(x)` gives `x`); unnamed parameters are left out. */
  params: string[];
  /** The whole definition, to tell apart same-named functions in `#if`/`#else` branches. */
  extent: Range;
  /**
   * A function whose header is a macro use, `MOD_INIT(spam) { … }`: the macro and its
   * arguments; the project pass expands it. The function's name is then `MOD_INIT(spam)`.
   */
  macro: { name: string; args: string[] } | null;
  /** Statements no path reaches: those after a `return` at the top level of the body, up to a label (a goto target). */
  unreachable: { afterReturn: Range; range: Range }[];
  guard: Guard;
}

export interface CallFact {
  callee: string;
  /** Argument texts as written, comments removed. */
  args: string[];
  range: Range;
  /** The function whose body holds the call; null at file scope (e.g. inside an initialiser). */
  inFunction: string | null;
  /** The variable the result is assigned to (`m = PyModule_Create(...)`), if any. */
  assignedTo: string | null;
  /**
   * For the object-domain allocators only (PyObject_Malloc, _Calloc, _Realloc): the declared type of
   * `assignedTo` (`char *`), from its declaration in the function or, for `obj->member`, from
   * the struct declaring that member in the file; null when not found.
   */
  assignedType: string | null;
  /**
   * Objects locked at the call: those of the innermost enclosing `Py_BEGIN_CRITICAL_SECTION*`
   * (both of a `…2`). Outer sections may be suspended while an inner one is held.
   */
  criticalSections: string[];
  /** Inside `Py_BEGIN_ALLOW_THREADS … Py_END_ALLOW_THREADS`: the thread is detached. */
  allowThreads: boolean;
  guard: Guard;
  /** For a call made inside a project macro, the macro used at this place (see ProjectFacts.macroCalls). */
  viaMacro?: string;
}

/** A use of a block macro: `Py_BEGIN_CRITICAL_SECTION2(a, b)`, `Py_END_ALLOW_THREADS`… */
export interface BlockMacroFact {
  name: string;
  family: 'critical-section' | 'allow-threads';
  role: 'begin' | 'end';
  /** The objects (or mutexes) a BEGIN locks, as written. */
  objects: string[];
  range: Range;
  inFunction: string | null;
  guard: Guard;
}

/** A `return`, `goto`, `break` or `continue` that leaves a critical section without its END. */
export interface SectionExitFact {
  /** `return`, `goto`, `break`, `continue`, or the macro that returns (`Py_RETURN_NONE`). */
  statement: string;
  range: Range;
  inFunction: string | null;
  /** The objects of the sections it leaves, innermost first. */
  objects: string[];
  guard: Guard;
}

/**
 * `target = name;` inside a function: how an object a function created gets published. In a
 * chain, `a = b = f();` holds `a = b`, placed where the expression ends (the store happens after f returns).
 */
export interface AssignmentFact {
  target: string;
  /** The assigned identifier. */
  value: string;
  range: Range;
  inFunction: string | null;
}

/** Code that reads or writes reference counts or object-header fields directly. */
export interface ObjectHeaderFact {
  kind:
    | 'refcount-compare' // Py_REFCNT(o) == 1
    | 'refcount-field' // o->ob_refcnt
    | 'header-assignment'; // Py_TYPE(o) = t, o->ob_type = t, Py_SIZE(o) = n
  /** The expression as written, e.g. `Py_REFCNT(self) == 1`. */
  text: string;
  /** The object, e.g. `self`. */
  object: string;
  /** For comparisons: the operator and the number compared with, as `== 1`; for assignments: the field or macro. */
  detail: string;
  /** Inside `assert(…)` (or another `*assert*` macro): debug-only code. */
  inAssert: boolean;
  range: Range;
  inFunction: string | null;
  guard: Guard;
}

/**
 * A use of a C API name that is not a call (a macro, a global variable, a type: `Py_UNICODE`,
 * `Py_DebugFlag`) or of a member of a CPython struct (`->ma_version_tag`). Calls are in `calls`.
 */
export interface NameUseFact {
  name: string;
  member: boolean;
  range: Range;
  inFunction: string | null;
  guard: Guard;
}

/** A variable declared at file scope. */
export interface VariableFact {
  name: string;
  /** The declared type as written, without storage class (`PyObject *`, `int[]`). */
  type: string;
  isStatic: boolean;
  isConst: boolean;
  /** `_Thread_local`, `thread_local`, `__thread`, `_Atomic` and the like, as written. */
  qualifiers: string[];
  /** For a `static` variable declared inside a function (a function-scope cache), that function; null at file scope. */
  inFunction: string | null;
  range: Range;
  guard: Guard;
}

/** A write to a file-scope variable inside a function: `cache = …`, `count++`, `table[i] = …`. */
export interface StaticWriteFact {
  name: string;
  /** The written text, e.g. `cache = PyImport_ImportModule("json")`. */
  text: string;
  /** The call whose result is stored, when the right-hand side is one. */
  storesCall: string | null;
  range: Range;
  inFunction: string;
  /** Objects of the innermost critical section around the write. */
  criticalSections: string[];
  guard: Guard;
}

/** A function named in a file-scope initialiser (a method table, a type's slots): Python can call it. */
export interface EntryPointFact {
  function: string;
  /** The table that names it and that table's type: `module_methods`, `PyMethodDef`. */
  table: string;
  tableType: string;
  range: Range;
}

/** What a `PyModuleDef`'s `m_slots` field holds. */
export type SlotsField =
  | { kind: 'absent' }
  | { kind: 'null' }
  | { kind: 'name'; name: string; range: Range }
  | { kind: 'other'; text: string; range: Range };

export interface ModuleDefFact {
  name: string;
  range: Range;
  /** `static`: only its own file (or the files including its header) can name it. */
  isStatic: boolean;
  /** `m_name` as written: a string literal's value, or the expression text. */
  moduleName: { literal: string } | { expression: string } | null;
  slots: SlotsField;
  guard: Guard;
}

/** One element of a `PyModuleDef_Slot` array. */
export type SlotEntryFact =
  | { kind: 'slot'; slot: string; value: string; range: Range; guard: Guard }
  /** An element that is a macro use (`GIL_SLOT`), resolved against the project's defines. */
  | { kind: 'macro'; name: string; args: string[] | null; range: Range; guard: Guard };

export interface SlotArrayFact {
  name: string;
  range: Range;
  entries: SlotEntryFact[];
  guard: Guard;
}

export interface DefineFact {
  name: string;
  params: string[] | null;
  body: string;
  /** Names called in the body (`NAME(`), so a rule can find an API used through a project macro. */
  calls: string[];
  range: Range;
  guard: Guard;
}

/**
 * A module made by a binding framework: `PYBIND11_MODULE(name, m, …)`, `NB_MODULE(name, m)`,
 * or a Cython `.pyx` file. Whether it declares free-threading support is read from its options
 * here and, for nanobind and project-wide Cython directives, from the build files.
 */
export interface BindingModuleFact {
  framework: 'pybind11' | 'nanobind' | 'cython';
  name: string;
  /**
   * pybind11: the module options after the module variable (`py::mod_gil_not_used()`);
   * Cython: the directives of the file's header comments (`freethreading_compatible=True`).
   */
  options: string[];
  range: Range;
  guard: Guard;
}

export interface FileFacts {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  functions: FunctionFact[];
  calls: CallFact[];
  moduleDefs: ModuleDefFact[];
  slotArrays: SlotArrayFact[];
  variables: VariableFact[];
  assignments: AssignmentFact[];
  staticWrites: StaticWriteFact[];
  entryPoints: EntryPointFact[];
  objectHeader: ObjectHeaderFact[];
  nameUses: NameUseFact[];
  blockMacros: BlockMacroFact[];
  sectionExits: SectionExitFact[];
  defines: DefineFact[];
  /** Header names of `#include` lines (`Python.h`, `pythoncapi_compat.h`). */
  includes: string[];
  /** Those of `includes` whose `#include` line sits in a branch no Python 3 build compiles (`#if PY_MAJOR_VERSION < 3`), once per line. */
  deadIncludes: string[];
  bindingModules: BindingModuleFact[];
}
