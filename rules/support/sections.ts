/** Pairing of the block macros, shared by the critical-section rules. */
import { compiledIn, compiledInAny, DEFAULT_BUILDS, FREE_THREADED, type Scenario } from '../../src/facts/guards.js';
import type { BlockMacroFact, FileFacts } from '../../src/facts/types.js';

/** The END macro that closes each BEGIN. */
export const CLOSES: Record<string, string> = {
  Py_BEGIN_CRITICAL_SECTION: 'Py_END_CRITICAL_SECTION',
  Py_BEGIN_CRITICAL_SECTION_MUT: 'Py_END_CRITICAL_SECTION',
  Py_BEGIN_CRITICAL_SECTION2: 'Py_END_CRITICAL_SECTION2',
  Py_BEGIN_CRITICAL_SECTION2_MUT: 'Py_END_CRITICAL_SECTION2',
  Py_BEGIN_CRITICAL_SECTION_SEQUENCE_FAST: 'Py_END_CRITICAL_SECTION_SEQUENCE_FAST',
  Py_BEGIN_ALLOW_THREADS: 'Py_END_ALLOW_THREADS',
};

export type Imbalance =
  | { kind: 'unclosed'; begin: BlockMacroFact; scenario: Scenario }
  | { kind: 'unopened'; end: BlockMacroFact; scenario: Scenario }
  | { kind: 'mismatched'; begin: BlockMacroFact; end: BlockMacroFact; scenario: Scenario };

/** Each block macro of a function with the ones still open when it is reached, in the free-threaded build. */
export function withOpenSections(facts: FileFacts): { macro: BlockMacroFact; open: BlockMacroFact[] }[] {
  const result: { macro: BlockMacroFact; open: BlockMacroFact[] }[] = [];
  const stacks = new Map<string | null, BlockMacroFact[]>();
  for (const macro of facts.blockMacros) {
    if (compiledInAny(macro.guard, FREE_THREADED) === false) continue;
    const stack = stacks.get(macro.inFunction) ?? [];
    stacks.set(macro.inFunction, stack);
    result.push({ macro, open: [...stack] });
    if (macro.role === 'begin') stack.push(macro);
    else stack.pop();
  }
  return result;
}

/**
 * BEGIN and END must pair in the same function and block in every build: the macros open and
 * close a C block. A pair split by `#ifdef Py_GIL_DISABLED` balances in one build and not the other.
 */
export function imbalances(facts: FileFacts): Imbalance[] {
  const found = new Map<string, Imbalance>();
  for (const scenario of [...FREE_THREADED, ...DEFAULT_BUILDS]) {
    const stacks = new Map<string | null, BlockMacroFact[]>();
    const note = (key: BlockMacroFact, imbalance: Imbalance) => {
      const id = `${key.range.startLine}:${key.range.startColumn}`;
      if (!found.has(id)) found.set(id, imbalance);
    };
    for (const macro of facts.blockMacros) {
      if (compiledIn(macro.guard, scenario) === false) continue;
      const stack = stacks.get(macro.inFunction) ?? [];
      stacks.set(macro.inFunction, stack);
      if (macro.role === 'begin') {
        stack.push(macro);
        continue;
      }
      const begin = stack.pop();
      // The project's own wrappers pair with any END of their family; the built-in pairs must match exactly.
      const known = CLOSES[begin?.name ?? ''] !== undefined && Object.values(CLOSES).includes(macro.name);
      if (begin === undefined) note(macro, { kind: 'unopened', end: macro, scenario });
      else if (begin.family !== macro.family || (known && CLOSES[begin.name] !== macro.name)) note(macro, { kind: 'mismatched', begin, end: macro, scenario });
    }
    for (const stack of stacks.values()) for (const begin of stack) note(begin, { kind: 'unclosed', begin, scenario });
  }
  return [...found.values()];
}
