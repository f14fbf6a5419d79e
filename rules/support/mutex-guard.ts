/**
 * Borrowed references taken from a file-scope container under a mutex that guards it. The
 * HOWTO's condition for a borrowed reference is that no other thread modifies the container
 * while the reference is used: a mutex held by all the code that touches the container, and
 * the reference used only while it is held, give exactly that (what a critical section on the
 * container gives for objects Python code can also reach).
 */
import { lockIndex, type LockIndex } from '../../src/facts/locks.js';
import type { ProjectFacts } from '../../src/facts/modules.js';
import { answers, factsIn, partitionPoint, sameObject, startsBefore } from '../../src/facts/origins.js';
import { callableFromPython, callableKey } from '../../src/facts/reach.js';
import type { CallFact, FileFacts, Range } from '../../src/facts/types.js';

/** Calls that work on the container given first without another owner keeping it. */
const IN_PLACE = /^(?:Py(?:Dict|List|Set)_\w+|PySequence_Fast_(?:GET_ITEM|GET_SIZE|ITEMS)|PyCell_(?:GET|SET)|Py_X?DECREF|Py_CLEAR)$/;
/** Calls after which the borrowed reference is a strong one. */
const STRONG = /^(?:Py_X?INCREF|Py_X?NewRef)$/;

type Guarded = Pick<ProjectFacts, 'files' | 'macroCalls' | 'macroCallees' | 'sameUnit'>;

/** The files that can name a file-scope variable of `facts`: those compiled with it for a static, else every file. */
function filesNaming(name: string, facts: FileFacts, project: Guarded): readonly FileFacts[] {
  const variable = facts.variables.find((v) => v.inFunction === null && v.name === name);
  return variable?.isStatic ? project.files.filter((f) => project.sameUnit(f.file, facts.file)) : project.files;
}

/**
 * Whether every mention of the file-scope `name` in the files that can name it is an in-place
 * call on it, made under `mutex` wherever Python can run it without that mutex (code that runs
 * only at import is alone, and so is a helper only called with the mutex held), and it is
 * replaced only under `mutex` too. A copy, a call that hands it on, or a macro that names it,
 * could let another thread modify it unlocked.
 */
const guarded = answers<Guarded, boolean>();

/** guardsEveryUse, once per project, container and mutex: every borrowed call on the container asks the same. */
function guardsEveryUseOnce(name: string, mutex: string, facts: FileFacts, project: Guarded, locks: LockIndex): boolean {
  return guarded(project, `${facts.file}\0${name}\0${mutex}`, () => guardsEveryUse(name, mutex, facts, project, locks));
}

function guardsEveryUse(name: string, mutex: string, facts: FileFacts, project: Guarded, locks: LockIndex): boolean {
  const callable = callableFromPython(project, mutex);
  const named = new RegExp(`\\b${name}\\b`);
  for (const f of filesNaming(name, facts, project)) {
    if (f.assignments.some((a) => a.value === name) || f.defines.some((d) => named.test(d.body))) return false;
    // Replacing the container unlocked frees the one a borrowed reference points into.
    if (f.staticWrites.some((w) => w.name === name && callable.has(callableKey(f.file, w.inFunction)) && !locks.heldAt(f, w.inFunction, w.range).includes(mutex))) return false;
    for (const c of f.calls) {
      // `name` is an identifier: an argument that reads as it contains it as written.
      const at = c.args.findIndex((a) => a.includes(name) && sameObject(a) === name);
      if (at < 0) continue;
      if (at > 0 || !IN_PLACE.test(c.callee) || c.inFunction === null) return false;
      if (callable.has(callableKey(f.file, c.inFunction)) && !locks.heldAt(f, c.inFunction, c.range).includes(mutex)) return false;
    }
  }
  return true;
}

interface Uses {
  /** The last assignment of the result to another variable made without the mutex. */
  lastUnlockedCopy: Range | null;
  /** The calls that name the result, in order, and what each decides: released unheld (false), made strong (true), or nothing yet. */
  mentions: { range: Range; decides: boolean | null }[];
  /** For each mention, what the first deciding one from it on decides. */
  decided: (boolean | null)[];
}

const usesBy = answers<FileFacts, Uses>();
/** How a function uses the variable `result` with respect to `mutex`, read once for all its borrowed calls. */
function usesOf(facts: FileFacts, fn: string, result: string, mutex: string, locks: LockIndex): Uses {
  return usesBy(facts, `${fn}\0${result}\0${mutex}`, () => readUses(facts, fn, result, mutex, locks));
}

function readUses(facts: FileFacts, fn: string, result: string, mutex: string, locks: LockIndex): Uses {
  const { calls, assignments } = factsIn(facts, fn);
  const held = (range: Range) => locks.heldAt(facts, fn, range).includes(mutex);
  const named = new RegExp(`\\b${result}\\b`);
  let lastUnlockedCopy: Range | null = null;
  for (const a of assignments) if (a.value === result && !held(a.range) && (lastUnlockedCopy === null || startsBefore(lastUnlockedCopy, a.range))) lastUnlockedCopy = a.range;
  const mentions = calls
    .filter((c) => c.args.some((a) => named.test(a)))
    .map((c) => ({ range: c.range, decides: !held(c.range) ? false : STRONG.test(c.callee) && sameObject(c.args[0] ?? '') === result ? true : null }));
  const decided: (boolean | null)[] = new Array(mentions.length);
  for (let i = mentions.length - 1, next: boolean | null = null; i >= 0; i--) decided[i] = next = mentions[i].decides ?? next;
  return { lastUnlockedCopy, mentions, decided };
}

/** Whether the reference a call returns is used only while `mutex` is held, or made strong before it is released. */
function usedWhileHeld(call: CallFact, mutex: string, facts: FileFacts, locks: LockIndex): boolean {
  const result = call.assignedTo;
  if (result === null) return true;
  if (!/^[A-Za-z_]\w*$/.test(result) || facts.variables.some((v) => v.inFunction === null && v.name === result)) return false;
  if (call.inFunction === null) return true;
  const { lastUnlockedCopy, mentions, decided } = usesOf(facts, call.inFunction, result, mutex, locks);
  if (lastUnlockedCopy !== null && startsBefore(call.range, lastUnlockedCopy)) return false;
  // The first mention after the call, found by position: the mentions are in source order.
  return decided[partitionPoint(mentions, (m) => !startsBefore(call.range, m.range))] ?? true;
}

/** A borrowed call on the file-scope container `name` that holds a mutex guarding it, and keeps the result inside. */
export function guardedByMutex(call: CallFact, name: string, facts: FileFacts, project: Guarded): boolean {
  const locks = lockIndex(project);
  return locks.heldAt(facts, call.inFunction, call.range).some((m) => guardsEveryUseOnce(name, m, facts, project, locks) && usedWhileHeld(call, m, facts, locks));
}
