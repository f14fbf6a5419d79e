import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cleanText, listItems, referencedName, stringLiteral } from '../src/facts/initializer.js';
import { MODULE_DEF_FIELDS } from '../src/facts/extract.js';

const fieldsOf = (source: string) =>
  listItems(source, source.indexOf('{'), MODULE_DEF_FIELDS).items.map((i) => [i.field, i.value]);

describe('initialiser elements', () => {
  it('maps positional elements to PyModuleDef fields', () => {
    assert.deepEqual(fieldsOf('{ PyModuleDef_HEAD_INIT, "m", /* doc */ NULL, -1, methods, slots }'), [
      ['m_base', 'PyModuleDef_HEAD_INIT'],
      ['m_name', '"m"'],
      ['m_doc', 'NULL'],
      ['m_size', '-1'],
      ['m_methods', 'methods'],
      ['m_slots', 'slots'],
    ]);
  });

  it('continues positions after a designator, as C does', () => {
    assert.deepEqual(fieldsOf('{ PyModuleDef_HEAD_INIT, .m_size = 0, methods, slots }').slice(1), [
      ['m_size', '0'],
      ['m_methods', 'methods'],
      ['m_slots', 'slots'],
    ]);
  });

  it('restarts positions in each #if branch', () => {
    const source = '{\n PyModuleDef_HEAD_INIT,\n#if X\n "a", NULL,\n#else\n "b", NULL,\n#endif\n 0, NULL, slots\n}';
    assert.deepEqual(fieldsOf(source), [
      ['m_base', 'PyModuleDef_HEAD_INIT'],
      ['m_name', '"a"'],
      ['m_doc', 'NULL'],
      ['m_name', '"b"'],
      ['m_doc', 'NULL'],
      ['m_size', '0'],
      ['m_methods', 'NULL'],
      ['m_slots', 'slots'],
    ]);
  });

  it('finds nested braces and skips literals that hold braces and commas', () => {
    const source = '{ {a, "}, {"}, {b, c} }';
    const { items, end } = listItems(source, 0);
    assert.equal(end, source.length);
    assert.deepEqual(
      items.map((i) => [i.text, i.brace]),
      [
        ['{a, "}, {"}', 2],
        ['{b, c}', 15],
      ],
    );
    assert.equal(source.slice(items[1].start, items[1].end), '{b, c}');
  });

  it('reduces references and literals', () => {
    assert.equal(referencedName('&module_def'), 'module_def');
    assert.equal(referencedName('(PyModuleDef_Slot *)slots'), 'slots');
    assert.equal(referencedName('&slots[0]'), 'slots');
    assert.equal(referencedName('f(x)'), null);
    assert.equal(stringLiteral('"pkg." "mod"'), 'pkg.mod');
    assert.equal(stringLiteral('"a""b"'), 'ab');
    assert.equal(stringLiteral('NAME'), null);
    assert.equal(stringLiteral('"a" NAME'), null);
  });
});

describe('cleanText', () => {
  /** What it stands for: comments and directive lines blanked, white space collapsed, ends trimmed. */
  const reference = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, ' ')
      .replace(/^[ \t]*#(?:\\\r?\n|[^\n])*/gm, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  it('gives what the four passes give, on any text of names, spaces, comments and directives', () => {
    const pieces = ['a', 'b_1', ' ', '  ', '\t', '\n', '\u00a0', '/*', '*/', '//', '#', '#if X\n', '(', ')', ',', '*', '/'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.equal(cleanText(text), reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
