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
const MAX_CONDITIONS = 256;

function branch(previous: string[], condition: string | null): string {
  const parts = previous.slice(0, MAX_CONDITIONS).map((p) => `!(${p})`);
  if (condition !== null) parts.push(`(${condition})`);
  return parts.join(' && ');
}

export interface GuardIndex {
  at(offset: number): Guard;
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

export function guardIndex(directives: readonly Directive[]): GuardIndex {
  const starts: number[] = [0];
  const guards: Guard[] = [[]];
  const stack: Frame[] = [];
  const guard = includeGuard(directives);
  for (const d of directives) {
    if (d === guard?.open || d === guard?.close) continue;
    switch (d.keyword) {
      case 'if':
        stack.push({ previous: [d.body], current: d.body });
        break;
      case 'ifdef':
        stack.push({ previous: [`defined(${d.body})`], current: `defined(${d.body})` });
        break;
      case 'ifndef':
        stack.push({ previous: [`!defined(${d.body})`], current: `!defined(${d.body})` });
        break;
      case 'elif':
      case 'elifdef':
      case 'elifndef': {
        const top = stack[stack.length - 1];
        if (!top) continue;
        const condition =
          d.keyword === 'elif' ? d.body : d.keyword === 'elifdef' ? `defined(${d.body})` : `!defined(${d.body})`;
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
