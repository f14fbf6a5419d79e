/**
 * The preprocessor conditions in force at each point of a file, read from the directives
 * themselves: tree-sitter does not parse `#if` inside an initialiser list as a preprocessor
 * node (parsing-notes.md §5), so guards around slot entries come from here, not the tree.
 */
import type { Directive } from '../source/scan.js';
import type { Guard } from './types.js';

interface Frame {
  /** The conditions of the branches already passed in this `#if` chain. */
  previous: string[];
  current: string;
}

/**
 * How many enclosing conditions a guard keeps, and how many earlier branches of a chain an
 * `#elif` negates: C compilers must accept 63 levels of nesting, real code uses a handful, and a
 * generated file of thousands would make guards quadratic in size. Leaving the rest out makes
 * a guard weaker, never stronger: the code counts as compiled in more builds, not fewer.
 */
export const MAX_CONDITIONS = 256;

function branch(previous: string[], condition: string | null): string {
  const parts = previous.slice(0, MAX_CONDITIONS).map((p) => `!(${p})`);
  if (condition !== null) parts.push(`(${condition})`);
  return parts.join(' && ');
}

export interface GuardIndex {
  at(offset: number): Guard;
}

/** More definitions of one macro than this, or a longer expansion, and its name stays as written. */
const MAX_DEFINITIONS = 8;
const MAX_EXPANSION = 1000;

const OBJECT_LIKE = /^([A-Za-z_]\w*)(?![\w(])\s*([\s\S]*)$/;
const MACRO_USE = /\bdefined\s*\(\s*([A-Za-z_]\w*)\s*\)|\bdefined\s+([A-Za-z_]\w*)|\b([A-Za-z_]\w*)\b(?!\s*\()/g;

/**
 * The file's own object-like macros, as the conditions that follow their definitions read them:
 * `USE_STATIC_TYPES` defined as 1 under `#if PY_VERSION_HEX < 0x030b0000` and as 0 under its
 * `#else` reads as `((!(PY_VERSION_HEX < 0x030b0000)) ? (0) : ((PY_VERSION_HEX < 0x030b0000) ? (1) :
 * USE_STATIC_TYPES))`, which every build scenario can evaluate: the last `#define` or `#undef`
 * in force wins, and where none is, the name is what it was (unknown, or set on the compiler's
 * command line).
 */
class OwnMacros {
  /** Per name: the expansion of its value (null when it has none to read) and of `defined(name)`; null when too long or too many. */
  private readonly values = new Map<string, string | null>();
  private readonly definedness = new Map<string, string | null>();
  private readonly counts = new Map<string, number>();

  define(body: string, guard: readonly string[]): void {
    const m = OBJECT_LIKE.exec(body);
    if (m !== null) this.set(m[1], m[2].trim() === '' ? null : this.resolve(m[2].trim()), guard);
  }

  /** `#undef NAME`: undefined from here, so 0 in `#if NAME`. */
  undefine(body: string, guard: readonly string[]): void {
    const name = OBJECT_LIKE.exec(body.trim())?.[1];
    if (name !== undefined) this.set(name, '0', guard, false);
  }

  private set(name: string, value: string | null, guard: readonly string[], defined = true): void {
    const count = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, count);
    const condition = guard.length === 0 ? '1' : guard.map((c) => `(${c})`).join(' && ');
    const known = this.values.get(name);
    // An empty body has no value for `#if NAME`; one definition without one spoils the value.
    const expansion = known === null || value === null ? null : `((${condition}) ? (${value}) : ${known ?? name})`;
    const wasDefined = this.definedness.get(name);
    const definedExpansion = wasDefined === null ? null : `((${condition}) ? ${Number(defined)} : ${wasDefined ?? `defined(${name})`})`;
    const fits = (e: string | null) => (e !== null && e.length <= MAX_EXPANSION && count <= MAX_DEFINITIONS ? e : null);
    this.values.set(name, fits(expansion));
    this.definedness.set(name, fits(definedExpansion));
  }

  /** The condition with the file's macros expanded, or as written when the expansion would be too long. */
  resolve(condition: string): string {
    if (this.definedness.size === 0) return condition;
    let length = condition.length;
    const expanded = condition.replace(MACRO_USE, (use, definedParens?: string, definedBare?: string, name?: string) => {
      const tested = definedParens ?? definedBare;
      const expansion = (tested !== undefined ? this.definedness.get(tested) : name !== undefined ? this.values.get(name) : null) ?? use;
      length += expansion.length - use.length;
      return length > MAX_EXPANSION ? use : expansion;
    });
    return length > MAX_EXPANSION ? condition : expanded;
  }
}

const CONDITION_KEYWORDS = new Set(['if', 'elif', 'ifdef', 'ifndef', 'elifdef', 'elifndef']);

/** The names a file's conditions test: the only ones whose definitions in its headers matter to its guards. */
export function testedNames(directives: readonly Directive[]): Set<string> {
  const names = new Set<string>();
  for (const d of directives) if (CONDITION_KEYWORDS.has(d.keyword)) for (const m of d.body.matchAll(/[A-Za-z_]\w*/g)) names.add(m[0]);
  return names;
}

/** A header's `#define`s and `#undef`s of the object-like macros among `wanted`, by name, each under the header's guard there. */
export function macroDefinitions(directives: readonly Directive[], wanted: ReadonlySet<string>): { name: string; macro: InheritedMacro }[] {
  const found: { name: string; macro: InheritedMacro }[] = [];
  // One past the most a name can have and still be read: enough to make it unreadable, however many a generated header holds.
  const counts = new Map<string, number>();
  let guards: GuardIndex | undefined;
  for (const d of directives) {
    if (d.keyword !== 'define' && d.keyword !== 'undef') continue;
    const name = OBJECT_LIKE.exec(d.body.trim())?.[1];
    if (name === undefined || !wanted.has(name)) continue;
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    if (count > MAX_DEFINITIONS + 1) continue;
    guards ??= guardIndex(directives);
    found.push({ name, macro: { keyword: d.keyword, body: d.body, guard: guards.at(d.start) } });
  }
  return found;
}

/** `#ifndef X` / `#define X` … `#endif` around a whole header: not a condition on its contents. */
function includeGuard(directives: readonly Directive[]): { open: Directive; close: Directive } | null {
  const [first, second] = directives;
  const last = directives[directives.length - 1];
  if (!first || !second || directives.length < 3 || last.keyword !== 'endif') return null;
  const name = first.keyword === 'ifndef' ? first.body : /^!\s*defined\s*\(?\s*(\w+)\s*\)?$/.exec(first.keyword === 'if' ? first.body : '')?.[1];
  if (!name || second.keyword !== 'define' || second.body.split(/\s/)[0] !== name) return null;
  let depth = 0;
  for (const d of directives) {
    if (d.keyword === 'if' || d.keyword === 'ifdef' || d.keyword === 'ifndef') depth++;
    else if (d.keyword === 'endif' && --depth === 0) return d === last ? { open: first, close: last } : null;
  }
  return null;
}

/** A `#define` or `#undef` of a header the file includes, under the header's own conditions. */
export interface InheritedMacro {
  keyword: 'define' | 'undef';
  body: string;
  guard: Guard;
  /** Where the file includes it: the offset of its `#include` line that leads to the header (none: from the top). */
  at?: number;
}

/**
 * The guards of a file's lines; `inherited`, the definitions its scanned headers make of the
 * names its conditions test, each in force from the `#include` line that leads to its header.
 */
export function guardIndex(directives: readonly Directive[], inherited: readonly InheritedMacro[] = []): GuardIndex {
  const starts: number[] = [0];
  const guards: Guard[] = [[]];
  const stack: Frame[] = [];
  const guard = includeGuard(directives);
  const own = new OwnMacros();
  const pending = [...inherited].sort((a, b) => (a.at ?? -1) - (b.at ?? -1));
  let applied = 0;
  const inheritBefore = (offset: number) => {
    for (; applied < pending.length && (pending[applied].at ?? -1) < offset; applied++) {
      const m = pending[applied];
      if (m.keyword === 'define') own.define(m.body, m.guard);
      else own.undefine(m.body, m.guard);
    }
  };
  for (const d of directives) {
    inheritBefore(d.start);
    if (d === guard?.open || d === guard?.close) continue;
    switch (d.keyword) {
      case 'define':
        own.define(d.body, stack.slice(0, MAX_CONDITIONS).map((f) => f.current));
        continue;
      case 'undef':
        own.undefine(d.body, stack.slice(0, MAX_CONDITIONS).map((f) => f.current));
        continue;
      case 'if': {
        const condition = own.resolve(d.body);
        stack.push({ previous: [condition], current: condition });
        break;
      }
      case 'ifdef': {
        const condition = own.resolve(`defined(${d.body})`);
        stack.push({ previous: [condition], current: condition });
        break;
      }
      case 'ifndef': {
        const condition = own.resolve(`!defined(${d.body})`);
        stack.push({ previous: [condition], current: condition });
        break;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef': {
        const top = stack[stack.length - 1];
        if (!top) continue;
        const condition = own.resolve(
          d.keyword === 'elif' ? d.body : d.keyword === 'elifdef' ? `defined(${d.body})` : `!defined(${d.body})`,
        );
        top.current = branch(top.previous, condition);
        top.previous.push(condition);
        break;
      }
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top) continue;
        top.current = branch(top.previous, null);
        break;
      }
      case 'endif':
        if (stack.length === 0) continue;
        stack.pop();
        break;
      default:
        continue;
    }
    starts.push(d.end);
    guards.push(stack.slice(0, MAX_CONDITIONS).map((f) => f.current));
  }
  return {
    at(offset: number): Guard {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return guards[lo];
    },
  };
}
