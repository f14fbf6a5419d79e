import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { namesBeforeParens } from '../src/source/names.js';

/** What the scan stands in for. */
function byExpression(text: string) {
  return [...text.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map((m) => ({ name: m[1], start: m.index, paren: m.index + m[0].length - 1 }));
}

const PIECES = ['f', 'g1', '_x', '9', 'ab_c', ' ', '\t', '\n', '\r\n', '\u00a0', '(', ')', '((', '.', '->', '#', 'é', ','];

describe('names before parentheses', () => {
  it('are what the regular expression finds', () => {
    assert.deepEqual(namesBeforeParens('call(a, inner (b)) x.member(c) 9lives(d) (e)'), byExpression('call(a, inner (b)) x.member(c) 9lives(d) (e)'));
    assert.deepEqual(
      namesBeforeParens('call(a, inner (b))').map((n) => n.name),
      ['call', 'inner'],
    );
  });

  it('are what the regular expression finds, in any text made of names, spaces and parentheses', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(namesBeforeParens(text), byExpression(text));
      }),
      { numRuns: 2000 },
    );
  });
});
