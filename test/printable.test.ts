import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { printable, printableJson, printableSource } from '../src/report/printable.js';

/** What a terminal or a CI log may act on: C0 (tab and line feed aside), DEL, C1, line separators, bidirectional controls. */
const ACTED_ON = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const hostile = fc.string({ unit: fc.oneof(fc.constantFrom('\x1b', '\n', '\r', '\t', '\x07', '\x9b', '\u202e', '\u2028', '\u2066', '\x7f', '\0'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });

describe('printable text', () => {
  it('leaves nothing a terminal acts on, on one line, and changes nothing else', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = printable(text);
        assert.doesNotMatch(shown, ACTED_ON);
        assert.ok(!shown.includes('\n') && !shown.includes('\t'));
        if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(text)) assert.equal(shown, text);
      }),
    );
    assert.equal(printable('a\nb\x1b[2J\u202e'), 'a\\nb\\x1b[2J\\u202e');
  });

  it('keeps the lines and columns of a code frame: one character for one, line breaks and tabs kept', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const shown = printableSource(text);
        assert.doesNotMatch(shown.replace(/\r/g, ''), ACTED_ON);
        assert.equal(shown.length, text.length);
        for (let i = 0; i < text.length; i++) if ('\n\r\t'.includes(text[i])) assert.equal(shown[i], text[i]);
      }),
    );
  });

  it('escapes JSON without changing the data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, hostile)), (data) => {
        const json = printableJson(JSON.stringify(data, null, 2));
        assert.doesNotMatch(json, ACTED_ON);
        assert.deepEqual(JSON.parse(json), data);
      }),
    );
  });
});
