/**
 * Which C files the audit must parse. Every file rule looks for the Python C API, so a file
 * that never names it (vendored C: zstd, lapack, libjpeg, unicode tables) matters only through
 * the project pass, and there only when
 * - it defines a function reached from parsed code: from the functions tables name and the
 *   module init functions, through calls and project macros (every function a file-scope
 *   table names counts as callable);
 * - a table of its own names a project function;
 * - it mentions a file-scope object of parsed code (the mutex guard asks every file that can
 *   name a container).
 * Such a file is outlined lexically and parsed once one of these holds, round after round as
 * parsed files bring in new names; a file never needed keeps its directives' facts (macros,
 * includes), which are all the project pass reads of it. Every test errs towards parsing, so
 * the findings are those of parsing every file; the test suite compares the two.
 */
import { macroCallees } from '../facts/modules.js';
import type { DefineFact, FileFacts } from '../facts/types.js';
import { IDENTIFIER, namesBeforeParens } from '../source/names.js';
import { NON_CODE, parseDefine, type Directive } from '../source/scan.js';

/** A use of the C API, of a binding framework, or of an object header field, anywhere in the text (comments included: erring towards parsing). */
const PYTHON_API = /\b_?(?:Py|PY)[A-Za-z0-9_]|py::|nb::|PYBIND11_|NB_MODULE|\bob_(?:refcnt|type|size)\b|\b(?:ma_version_tag|c_recursion_remaining|ob_shash)\b/;

export function mentionsPythonApi(text: string): boolean {
  return PYTHON_API.test(text);
}

/**
 * The project's macros that expand to the C API, directly or through one another: a file using
 * one uses the API, and the rules see the call at the use.
 */
export function pythonMacros(directives: readonly Directive[]): Set<string> {
  /** For each identifier, the macros whose bodies name it (those that name the API aside). */
  const usedBy = new Map<string, string[]>();
  const found = new Set<string>();
  for (const d of directives) {
    const define = parseDefine(d);
    if (define === null) continue;
    if (PYTHON_API.test(define.body)) {
      found.add(define.name);
      continue;
    }
    for (const id of new Set(define.body.match(IDENTIFIER))) {
      const users = usedBy.get(id);
      if (users) users.push(define.name);
      else usedBy.set(id, [define.name]);
    }
  }
  // From each macro found to those that name it: a chain of thousands stays linear.
  const pending = [...found];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const user of usedBy.get(name) ?? []) {
      if (found.has(user)) continue;
      found.add(user);
      pending.push(user);
    }
  }
  return found;
}

export interface Outline {
  /** Every identifier outside comments, literals and directive lines. */
  identifiers: ReadonlySet<string>;
  /** Names written as a definition, `name(…) {`, with attributes or K&R declarations before the brace. */
  definitions: ReadonlySet<string>;
  /** Identifiers not called inside `= { … }` initialisers. */
  tableNames: ReadonlySet<string>;
}

const STATEMENTS = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'do', 'else', 'case', 'defined', '_Alignof', '_Generic', '__attribute__', '__declspec']);
// After the parameters: attributes and qualifiers (`__attribute__((cold))`, `NPY_UNUSED`) or K&R parameter declarations, then the body.
const BODY_AFTER_PARAMETERS = /\s*(?:(?:[A-Za-z_]\w*\b\s*(?:\((?:[^()]|\([^()]*\))*\)\s*)?)*|(?:[A-Za-z_][\w\s*,[\]]*;\s*)+)\{/y;
/** How far after a definition's `)` its body may start: attributes and K&R parameter declarations are short, and a search with no bound would make a file of `f(a) f(b) …` quadratic. */
const HEADER_TAIL = 1000;
const INITIALISER = /=\s*\{/g;
const UNCALLED = /\b[A-Za-z_]\w*\b(?!\s*\()/g;

/** The `)` matching each `(` of the code (-1 for one left open), found in one pass: a file of unclosed calls stays linear. */
function parenMatches(code: string): (open: number) => number {
  const opens: number[] = [];
  const closes: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 40 /* ( */) {
      stack.push(opens.length);
      opens.push(i);
      closes.push(-1);
    } else if (c === 41 /* ) */ && stack.length > 0) {
      closes[stack.pop() as number] = i;
    }
  }
  return (open) => {
    let low = 0;
    let high = opens.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (opens[middle] === open) return closes[middle];
      if (opens[middle] < open) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  };
}

function matchingBrace(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) return i;
  }
  return code.length;
}

export function outline(text: string): Outline {
  const code = text.replace(new RegExp(NON_CODE, 'g'), ' ');
  const closing = parenMatches(code);
  const definitions = new Set<string>();
  for (const { name, paren } of namesBeforeParens(code)) {
    if (STATEMENTS.has(name)) continue;
    const close = closing(paren);
    if (close < 0) continue;
    BODY_AFTER_PARAMETERS.lastIndex = 0;
    if (BODY_AFTER_PARAMETERS.test(code.slice(close + 1, close + 1 + HEADER_TAIL))) definitions.add(name);
  }
  const tableNames = new Set<string>();
  let scanned = 0;
  for (const m of code.matchAll(INITIALISER)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    // An initialiser inside one already read (`.field = {…}`) adds no name.
    if (open < scanned) continue;
    scanned = matchingBrace(code, open);
    for (const name of code.slice(open, scanned).match(UNCALLED) ?? []) tableNames.add(name);
  }
  return { identifiers: new Set(code.match(IDENTIFIER)), definitions, tableNames };
}

/** Every `name(` of the texts, comments and all: what they may call. */
export function calledNames(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) for (const { name } of namesBeforeParens(text)) names.add(name);
  return names;
}

/** What parsed files bring in, grown as each round's files are parsed. */
export interface Wanted {
  /**
   * Names reached from the functions tables name and the module init functions, through calls
   * made in any function (locks ignored) and the project macros they use: what the reach can
   * follow, and more.
   */
  reached: Set<string>;
  /** Names each parsed function calls, through project macros too. */
  callsBy: Map<string, Set<string>>;
  /** Functions of parsed files, and the definitions of files not parsed yet. */
  functions: Set<string>;
  /** File-scope variables of parsed files declared with an object type: the containers the mutex guard follows into every file. */
  containers: Set<string>;
  macros: Map<string, DefineFact[]>;
  summaries: Map<string, MacroSummary>;
}

interface MacroSummary {
  /** What the macro's bodies call, through the macros they use. */
  calls: Set<string>;
  /** Whether a body, or one of the macros it uses, pastes tokens (`##`). */
  pastes: boolean;
}

function macroSummary(name: string, wanted: Wanted): MacroSummary {
  const known = wanted.summaries.get(name);
  if (known !== undefined) return known;
  const summary: MacroSummary = { calls: new Set(), pastes: false };
  const seen = new Set([name]);
  for (const stack = [name]; stack.length > 0; ) {
    for (const define of wanted.macros.get(stack.pop() as string) ?? []) {
      summary.pastes ||= define.body.includes('##');
      for (const call of define.calls) {
        summary.calls.add(call);
        if (wanted.macros.has(call) && !seen.has(call)) {
          seen.add(call);
          stack.push(call);
        }
      }
    }
  }
  wanted.summaries.set(name, summary);
  return summary;
}

export function wantedNames(defines: Iterable<DefineFact>): Wanted {
  const macros = new Map<string, DefineFact[]>();
  for (const d of defines) {
    const same = macros.get(d.name);
    if (same) same.push(d);
    else macros.set(d.name, [d]);
  }
  return { reached: new Set(), callsBy: new Map(), functions: new Set(), containers: new Set(), macros, summaries: new Map() };
}

/** A declared type that holds a Python object: `PyObject *`, `PyDictObject *`, a project's `CacheObject *`. */
const OBJECT_TYPE = /\b_?Py|Object\b/;

export function addParsed(wanted: Wanted, facts: FileFacts): void {
  const roots: string[] = [];
  for (const call of facts.calls) {
    if (call.inFunction === null) continue;
    let callees = wanted.callsBy.get(call.inFunction);
    if (callees === undefined) wanted.callsBy.set(call.inFunction, (callees = new Set()));
    callees.add(call.callee);
    if (!wanted.macros.has(call.callee)) continue;
    const macro = macroSummary(call.callee, wanted);
    for (const name of macro.calls) callees.add(name);
    // Arguments can become callees (`#define CALL(f) f()`), and pasting makes new names: expanded exactly.
    if (macro.pastes) macroCallees(call.callee, call.args, wanted.macros, callees);
    else for (const arg of call.args) for (const name of arg.match(IDENTIFIER) ?? []) callees.add(name);
  }
  for (const entry of facts.entryPoints) roots.push(entry.function);
  for (const fn of facts.functions) {
    wanted.functions.add(fn.name);
    if (fn.name.startsWith('PyInit_') || fn.macro !== null) roots.push(fn.name);
  }
  for (const v of facts.variables) if (v.inFunction === null && OBJECT_TYPE.test(v.type)) wanted.containers.add(v.name);
  for (const name of roots) wanted.reached.add(name);
}

/** Follows the calls known so far from every reached name. */
function propagate(wanted: Wanted): void {
  const stack = [...wanted.reached];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    for (const callee of wanted.callsBy.get(name) ?? []) {
      if (wanted.reached.has(callee)) continue;
      wanted.reached.add(callee);
      stack.push(callee);
    }
  }
}

function meets(names: ReadonlySet<string>, other: ReadonlySet<string>): boolean {
  const [small, large] = names.size < other.size ? [names, other] : [other, names];
  for (const name of small) if (large.has(name)) return true;
  return false;
}

/** The files among `pending` that this round must parse. */
export function needed(pending: ReadonlyMap<number, Outline>, wanted: Wanted): number[] {
  propagate(wanted);
  for (const file of pending.values()) for (const name of file.definitions) wanted.functions.add(name);
  return [...pending]
    .filter(([, file]) => meets(file.definitions, wanted.reached) || meets(file.tableNames, wanted.functions) || meets(file.identifiers, wanted.containers))
    .map(([i]) => i);
}
