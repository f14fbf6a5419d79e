/**
 * Offset-preserving macro pre-pass. tree-sitter-c sees macros unexpanded, and a few Python
 * macros (blocks opened and closed without a semicolon, object headers without a comma)
 * derail its parse. Each such use is replaced by text of exactly the same length (a `{`, `}`
 * or `;` padded with spaces, newlines kept), so every offset, line and column stays that of
 * the original file. See parsing-notes.md §4 for what each replacement buys.
 */
import { IDENTIFIER } from './names.js';
import { NON_CODE, isDirectiveMatch, parseDefine, type Directive } from './scan.js';

export type MacroAction =
  | 'blank' // remove the name (and its arguments, if it takes any)
  | 'unwrap' // remove the name and the parentheses, keep the arguments: `PyAPI_FUNC(int)` → `int`
  | 'block-begin' // `{`
  | 'block-end' // `}`
  | 'statement' // `;`
  | 'object-head' // a struct member: `int _h;`
  | 'object-head-init'; // an initialiser element: `{0},`

/** none: object-like; required: function-like, arguments may span lines; same-line: optional, only on the same line. */
export type MacroArguments = 'none' | 'required' | 'same-line';

export interface MacroRule {
  action: MacroAction;
  args: MacroArguments;
  /** For block macros: what the block is, so facts can tell a locked region from a detached one. */
  family?: BlockFamily;
}

export type BlockFamily = 'critical-section' | 'allow-threads';

export type MacroTable = ReadonlyMap<string, MacroRule>;

const BLOCK_BEGIN_CALLS = [
  'Py_BEGIN_CRITICAL_SECTION',
  'Py_BEGIN_CRITICAL_SECTION2',
  'Py_BEGIN_CRITICAL_SECTION_MUT',
  'Py_BEGIN_CRITICAL_SECTION2_MUT',
  'Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST',
];
const BLOCK_END_CALLS = ['Py_END_CRITICAL_SECTION', 'Py_END_CRITICAL_SECTION2', 'Py_END_CRITICAL_SECTION_SEQUENCE_FAST'];

export const BUILTIN_MACROS: MacroTable = new Map<string, MacroRule>([
  ['Py_BEGIN_ALLOW_THREADS', { action: 'block-begin', args: 'none', family: 'allow-threads' }],
  ['Py_END_ALLOW_THREADS', { action: 'block-end', args: 'none', family: 'allow-threads' }],
  ...BLOCK_BEGIN_CALLS.map((n): [string, MacroRule] => [n, { action: 'block-begin', args: 'required', family: 'critical-section' }]),
  ...BLOCK_END_CALLS.map((n): [string, MacroRule] => [n, { action: 'block-end', args: 'required', family: 'critical-section' }]),
  ['Py_BLOCK_THREADS', { action: 'statement', args: 'none' }],
  ['Py_UNBLOCK_THREADS', { action: 'statement', args: 'none' }],
  ['_Py_COMP_DIAG_PUSH', { action: 'blank', args: 'none' }],
  ['_Py_COMP_DIAG_POP', { action: 'blank', args: 'none' }],
  ['_Py_COMP_DIAG_IGNORE_DEPR_DECLS', { action: 'blank', args: 'none' }],
  ['PyObject_HEAD', { action: 'object-head', args: 'none' }],
  ['PyObject_VAR_HEAD', { action: 'object-head', args: 'none' }],
  ['PyObject_HEAD_INIT', { action: 'object-head-init', args: 'required' }],
  ['PyVarObject_HEAD_INIT', { action: 'object-head-init', args: 'required' }],
  ['Py_LOCAL_INLINE', { action: 'unwrap', args: 'required' }],
  ['Py_LOCAL', { action: 'unwrap', args: 'required' }],
  ['PyAPI_FUNC', { action: 'unwrap', args: 'required' }],
  ['PyAPI_DATA', { action: 'unwrap', args: 'required' }],
  ['Py_DEPRECATED', { action: 'blank', args: 'required' }],
  ['Py_GCC_ATTRIBUTE', { action: 'blank', args: 'required' }],
  ['Py_ALWAYS_INLINE', { action: 'blank', args: 'none' }],
  ['Py_NO_INLINE', { action: 'blank', args: 'none' }],
  ['Py_EXPORTED_SYMBOL', { action: 'blank', args: 'none' }],
  ['Py_IMPORTED_SYMBOL', { action: 'blank', args: 'none' }],
  ['Py_LOCAL_SYMBOL', { action: 'blank', args: 'none' }],
]);

/** Words a pure annotation macro may expand to. */
const ANNOTATION_WORDS = new Set([
  'static', 'inline', '__inline', '__inline__', '__forceinline', 'extern', 'const', 'volatile',
  'register', 'restrict', '__restrict', '__restrict__', '_Noreturn', '__extension__',
]);
const INCLUDE_GUARD = /_(?:H|H_|H__|HPP|INCLUDED|INCLUDED_)$/;
const ATTRIBUTE_CALL = /^(?:__attribute__|__attribute|__declspec|_Alignas|alignas)\s*\(/;

function annotationBody(body: string, known: ReadonlySet<string>): boolean {
  let rest = body.trim();
  while (rest !== '') {
    const attribute = ATTRIBUTE_CALL.exec(rest);
    if (attribute) {
      const end = matchingParen(rest, attribute[0].length - 1);
      if (end < 0) return false;
      rest = rest.slice(end + 1).trim();
      continue;
    }
    const word = /^[A-Za-z_]\w*/.exec(rest);
    if (!word || !(ANNOTATION_WORDS.has(word[0]) || known.has(word[0]))) return false;
    rest = rest.slice(word[0].length).trim();
  }
  return true;
}

/**
 * The project's own annotation macros: object-like macros whose every definition (over all
 * `#if` branches and files) expands to nothing but storage classes, `inline` and attributes,
 * directly or through other such macros.
 */
export function annotationMacros(directives: Iterable<Directive>): Set<string> {
  const bodies = new Map<string, string[] | null>();
  for (const directive of directives) {
    const define = parseDefine(directive);
    if (!define) continue;
    if (define.params !== null || BUILTIN_MACROS.has(define.name)) {
      bodies.set(define.name, null);
      continue;
    }
    // Include guards (`#define FOO_H`) are empty too, but only ever appear in directives.
    if (define.body === '' && INCLUDE_GUARD.test(define.name)) continue;
    const seen = bodies.get(define.name);
    if (seen === null) continue;
    if (seen === undefined) bodies.set(define.name, [define.body]);
    else seen.push(define.body);
  }
  // A macro found may complete the macros that name it: those are tried again, and only those,
  // so a chain of thousands (`#define A0 A1` … `#define An static`) stays linear.
  const namedBy = new Map<string, string[]>();
  for (const [name, defs] of bodies) {
    for (const word of new Set((defs ?? []).flatMap((body) => body.match(IDENTIFIER) ?? []))) {
      if (!bodies.get(word)) continue;
      const users = namedBy.get(word);
      if (users) users.push(name);
      else namedBy.set(word, [name]);
    }
  }
  const found = new Set<string>();
  const pending = [...bodies.keys()].reverse();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const defs = bodies.get(name);
    if (!defs || found.has(name) || !defs.every((body) => annotationBody(body, found))) continue;
    found.add(name);
    for (const user of namedBy.get(name) ?? []) if (!found.has(user)) pending.push(user);
  }
  return found;
}

/**
 * The project's own block macros: `#define LOCK(o) Py_BEGIN_CRITICAL_SECTION(o)` opens the
 * same block as the macro it wraps, and gets the same treatment.
 */
export function wrapperMacros(directives: Iterable<Directive>): Map<string, MacroRule> {
  const found = new Map<string, MacroRule>();
  for (const directive of directives) {
    const define = parseDefine(directive);
    const wrapped = define ? /^([A-Za-z_]\w*)\s*(?:\(|$)/.exec(define.body)?.[1] : undefined;
    const rule = wrapped === undefined ? undefined : BUILTIN_MACROS.get(wrapped);
    if (!define || !rule?.family || BUILTIN_MACROS.has(define.name)) continue;
    found.set(define.name, { ...rule, args: define.params === null ? 'none' : 'required' });
  }
  return found;
}

export function macroTable(project: Iterable<string>, configured: ReadonlyMap<string, MacroRule>, wrappers: ReadonlyMap<string, MacroRule> = new Map()): MacroTable {
  const table = new Map(BUILTIN_MACROS);
  for (const [name, rule] of wrappers) table.set(name, rule);
  for (const name of project) table.set(name, { action: 'blank', args: 'none' });
  for (const [name, rule] of configured) table.set(name, rule);
  return table;
}

/** A replaced macro use; critical-section facts read the object from `args`. */
export interface MacroUse {
  name: string;
  action: MacroAction;
  family?: BlockFamily;
  start: number;
  end: number;
  /** Text between the parentheses, or null for an object-like use. */
  args: string | null;
}

export interface Prepared {
  text: string;
  /** The same text with comments and string and character literals blanked: for lexical patterns. */
  code: string;
  uses: MacroUse[];
}

const SPACES = ' '.repeat(4096);

function spaces(length: number): string {
  return length <= SPACES.length ? SPACES.slice(0, length) : ' '.repeat(length);
}

/** Spaces for every character but line breaks, so offsets, lines and columns stay. */
export function blank(text: string): string {
  // Line by line: a regular-expression replace visits every character through a match.
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    out += spaces(i - from) + text[i];
    from = i + 1;
  }
  return out + spaces(text.length - from);
}

/** Comments inside a directive line (after `#define X 1`) are blanked too; the directive stays. */
function codeOfDirective(directive: string): string {
  return directive.includes('/') ? directive.replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, blank) : directive;
}

/** Index of the `)` matching the `(` at `open`, skipping nested parentheses and literals; -1 if none. */
export function matchingParen(text: string, open: number, limit = 20000): number {
  let depth = 0;
  const stop = Math.min(text.length, open + limit);
  for (let i = open; i < stop; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    } else if (c === '"' || c === "'") {
      for (i++; i < stop && text[i] !== c && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    }
  }
  return -1;
}

function pad(source: string, start: number, end: number, head: string): string {
  let out = head;
  for (let i = start + head.length; i < end; i++) {
    const c = source[i];
    out += c === '\n' || c === '\r' ? c : ' ';
  }
  return out;
}

function nextNonSpace(text: string, from: number, sameLine: boolean): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || (!sameLine && (text[i] === '\n' || text[i] === '\r')))) i++;
  return i;
}

function argumentsEnd(text: string, nameEnd: number, args: MacroArguments): number {
  if (args === 'none') return -1;
  const open = nextNonSpace(text, nameEnd, args === 'same-line');
  if (text[open] !== '(') return -1;
  return matchingParen(text, open);
}

function replacement(source: string, use: MacroUse, nameEnd: number): string {
  switch (use.action) {
    case 'block-begin':
      return pad(source, use.start, use.end, '{');
    case 'block-end':
      return pad(source, use.start, use.end, '}');
    case 'statement':
      return pad(source, use.start, use.end, ';');
    case 'blank':
      return pad(source, use.start, use.end, '');
    case 'unwrap': {
      const open = source.indexOf('(', nameEnd);
      return pad(source, use.start, open + 1, '') + source.slice(open + 1, use.end - 1) + ' ';
    }
    case 'object-head': {
      const follows = source[nextNonSpace(source, use.end, false)];
      return pad(source, use.start, use.end, follows === ';' ? 'int _h' : 'int _h;');
    }
    case 'object-head-init': {
      const follows = source[nextNonSpace(source, use.end, false)];
      return pad(source, use.start, use.end, follows === ',' ? '{0}' : '{0},');
    }
  }
}

const patternCache = new WeakMap<MacroTable, RegExp>();

function tablePattern(table: MacroTable): RegExp {
  let re = patternCache.get(table);
  if (!re) {
    const names = [...table.keys()].sort((a, b) => b.length - a.length);
    re = new RegExp(`${NON_CODE}|\\b(?:${names.join('|')})\\b`, 'g');
    patternCache.set(table, re);
  }
  return re;
}

export function prepass(source: string, table: MacroTable): Prepared {
  const uses: MacroUse[] = [];
  const parts: string[] = [];
  // The code-only text is built in the same sweep: the pattern meets every comment and literal anyway.
  const codeParts: string[] = [];
  let copied = 0;
  const re = new RegExp(tablePattern(table));
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    const token = m[0];
    if (token.length === 0) {
      re.lastIndex++;
      continue;
    }
    const rule = table.get(token);
    if (rule === undefined) {
      codeParts.push(source.slice(copied, m.index), isDirectiveMatch(token) ? codeOfDirective(token) : blank(token));
      parts.push(source.slice(copied, m.index + token.length));
      copied = m.index + token.length;
      continue;
    }
    if (isDirectiveMatch(token)) continue;
    const nameEnd = m.index + token.length;
    const close = argumentsEnd(source, nameEnd, rule.args);
    if (rule.args === 'required' && close < 0) continue;
    const end = close < 0 ? nameEnd : close + 1;
    const use: MacroUse = {
      name: token,
      action: rule.action,
      family: rule.family,
      start: m.index,
      end,
      args: close < 0 ? null : source.slice(source.indexOf('(', nameEnd) + 1, close).trim(),
    };
    uses.push(use);
    const replaced = replacement(source, use, nameEnd);
    parts.push(source.slice(copied, use.start), replaced);
    codeParts.push(source.slice(copied, use.start), codeOfDirective(replaced));
    copied = end;
    re.lastIndex = end;
  }
  parts.push(source.slice(copied));
  codeParts.push(source.slice(copied));
  return { text: parts.join(''), code: codeParts.join(''), uses };
}
