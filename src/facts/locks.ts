/**
 * Which mutexes a function holds at a point, read lexically from its lock and unlock calls
 * (PyMutex, PyThread locks, pthread, Win32, C11 threads, libuv), with the project's own lock
 * macros (`#define LOCK_CACHE() PyMutex_Lock(&cache_lock)`) read as the calls they make.
 */
import { compiledInAny, FREE_THREADED } from './guards.js';
import type { ProjectFacts } from './modules.js';
import { partitionPoint, sameObject, startsBefore } from './origins.js';
import type { FileFacts, Range } from './types.js';

const LOCKS = ['PyMutex_Lock', 'PyThread_acquire_lock', 'PyThread_acquire_lock_timed', 'pthread_mutex_lock', 'pthread_rwlock_wrlock', 'EnterCriticalSection', 'AcquireSRWLockExclusive', 'mtx_lock', 'uv_mutex_lock'];
const UNLOCKS = ['PyMutex_Unlock', 'PyThread_release_lock', 'pthread_mutex_unlock', 'pthread_rwlock_unlock', 'LeaveCriticalSection', 'ReleaseSRWLockExclusive', 'mtx_unlock', 'uv_mutex_unlock'];
const LOCK_NAMES: ReadonlySet<string> = new Set(LOCKS);
const LOCK_CALLS: ReadonlySet<string> = new Set([...LOCKS, ...UNLOCKS]);

export interface LockEvent {
  mutex: string;
  lock: boolean;
  range: Range;
}

export interface LockIndex {
  /** The mutexes (as written, `&` and casts dropped) that function `fn` of the file holds at `at`. */
  heldAt(facts: FileFacts, fn: string | null, at: Range): string[];
}

/** `&self->mutex`, `&(cache_lock)`, `lock` → `self->mutex`, `cache_lock`, `lock`. */
function mutexOf(arg: string): string {
  const text = sameObject(arg);
  return text.startsWith('&') ? sameObject(text.slice(1)) : text;
}

/** Each function's lock and unlock events in source order. */
function eventsOf(facts: FileFacts, project: Pick<ProjectFacts, 'macroCalls'>): Map<string, LockEvent[]> {
  const byFunction = new Map<string, LockEvent[]>();
  for (const call of [...facts.calls, ...project.macroCalls(facts, LOCK_CALLS)]) {
    // A lock the free-threaded build compiles out (a macro defined per build) protects nothing there.
    if (call.inFunction === null || !LOCK_CALLS.has(call.callee) || compiledInAny(call.guard, FREE_THREADED) === false) continue;
    const list = byFunction.get(call.inFunction) ?? [];
    list.push({ mutex: mutexOf(call.args[0] ?? ''), lock: LOCK_NAMES.has(call.callee), range: call.range });
    byFunction.set(call.inFunction, list);
  }
  for (const list of byFunction.values()) list.sort((a, b) => (startsBefore(a.range, b.range) ? -1 : startsBefore(b.range, a.range) ? 1 : 0));
  return byFunction;
}

/**
 * A mutex is held at a point when it was locked somewhere before it and the next event on it
 * is an unlock. An unlock on an early-exit path (`if (err) { PyMutex_Unlock(&m); return; }`)
 * leaves the code after it locked, while `unlock … lock` in between ends the region.
 */
function held(events: readonly LockEvent[], at: Range): string[] {
  const found: string[] = [];
  for (const mutex of new Set(events.map((e) => e.mutex))) {
    const mine = events.filter((e) => e.mutex === mutex);
    const next = mine.find((e) => startsBefore(at, e.range));
    if (next !== undefined && !next.lock && mine.some((e) => e.lock && startsBefore(e.range, at))) found.push(mutex);
  }
  return found;
}

/**
 * `held` for one function's events (in source order), answered from the mutexes held between
 * each two events, worked out in one sweep: passing an event changes only its own mutex. A
 * function of thousands of lock and unlock calls stays linear.
 */
export function heldIndex(events: readonly LockEvent[]): (at: Range) => string[] {
  const rank = new Map<string, number>();
  for (const e of events) if (!rank.has(e.mutex)) rank.set(e.mutex, rank.size);
  const nextOfSame: (LockEvent | undefined)[] = new Array(events.length);
  const following = new Map<string, LockEvent>();
  for (let i = events.length - 1; i >= 0; i--) {
    nextOfSame[i] = following.get(events[i].mutex);
    following.set(events[i].mutex, events[i]);
  }
  // between[i]: the mutexes held after the first i events and before the next.
  const between: string[][] = [[]];
  const locked = new Set<string>();
  const current = new Set<string>();
  events.forEach((e, i) => {
    if (e.lock) locked.add(e.mutex);
    const next = nextOfSame[i];
    if (locked.has(e.mutex) && next !== undefined && !next.lock) current.add(e.mutex);
    else current.delete(e.mutex);
    between.push([...current].sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number)));
  });
  return (at) => {
    const low = partitionPoint(events, (e) => startsBefore(e.range, at));
    // An event that starts where `at` does is neither before nor after it: read directly.
    if (low < events.length && !startsBefore(at, events[low].range)) return held(events, at);
    return between[low];
  };
}

const indexes = new WeakMap<object, LockIndex>();

/** Built once per project; the events of each file are read on first use. */
export function lockIndex(project: Pick<ProjectFacts, 'macroCalls'>): LockIndex {
  const known = indexes.get(project);
  if (known !== undefined) return known;
  const byFile = new WeakMap<FileFacts, Map<string, LockEvent[]>>();
  const answers = new WeakMap<LockEvent[], (at: Range) => string[]>();
  const index: LockIndex = {
    heldAt(facts, fn, at) {
      if (fn === null) return [];
      let events = byFile.get(facts);
      if (events === undefined) byFile.set(facts, (events = eventsOf(facts, project)));
      const mine = events.get(fn);
      if (mine === undefined) return [];
      let answer = answers.get(mine);
      if (answer === undefined) answers.set(mine, (answer = heldIndex(mine)));
      return answer(at);
    },
  };
  indexes.set(project, index);
  return index;
}
