/** The lock index against its definition: random lock and unlock events, random points. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { heldIndex, type LockEvent } from '../src/facts/locks.js';
import type { Range } from '../src/facts/types.js';

const at = (column: number): Range => ({ startLine: 1, startColumn: column, endLine: 1, endColumn: column + 1 });

/** The definition: locked somewhere before the point, and the next event on the mutex after it is an unlock. */
function heldByDefinition(events: readonly LockEvent[], point: number): string[] {
  const mutexes = [...new Set(events.map((e) => e.mutex))];
  return mutexes.filter((mutex) => {
    const mine = events.filter((e) => e.mutex === mutex);
    const next = mine.find((e) => e.range.startColumn > point);
    return next !== undefined && !next.lock && mine.some((e) => e.lock && e.range.startColumn < point);
  });
}

describe('heldIndex', () => {
  it('gives, at every point, the mutexes the definition gives, in order of first mention', () => {
    const event = fc.record({ mutex: fc.constantFrom('a', 'b', 'c', 'self->m'), lock: fc.boolean(), column: fc.nat(40) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 25 }), fc.array(fc.nat(42), { maxLength: 10 }), (raw, points) => {
        const events = raw.map((e) => ({ mutex: e.mutex, lock: e.lock, range: at(e.column) })).sort((x, y) => x.range.startColumn - y.range.startColumn);
        const index = heldIndex(events);
        for (const point of points) assert.deepEqual(index(at(point)), heldByDefinition(events, point), `at ${point}`);
      }),
      { numRuns: 1000 },
    );
  });
});
