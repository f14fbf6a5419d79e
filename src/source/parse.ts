import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserType;
/** Loaded on first use: a C-only scan never pays for the C++ grammar. */
const GRAMMARS = { c: 'tree-sitter-c', cpp: 'tree-sitter-cpp' } as const;

export type Tree = ParserType.Tree;
export type SyntaxNode = ParserType.SyntaxNode;
export type TreeCursor = ParserType.TreeCursor;
/** The languages tree-sitter parses; Cython is read for its directives alone. */
export type Grammar = keyof typeof GRAMMARS;

const parsers = new Map<Grammar, ParserType>();

/**
 * Time allowed for one parse. tree-sitter's error recovery is quadratic on some inputs
 * (thousands of unterminated comments in directives); a real 2 MB file parses in about 0.3 s.
 */
export function parseBudgetMs(length: number): number {
  return 5000 + length / 1000;
}

/**
 * All of `text` but the `skipped` stretches ([start, end) offsets, in order), as the ranges
 * tree-sitter is to read. Its points count rows by line feed and columns in bytes, two per
 * UTF-16 code unit, as tree-sitter does for a string.
 */
function includedRanges(text: string, skipped: readonly [number, number][]): ParserType.Range[] {
  const ranges: ParserType.Range[] = [];
  let row = 0;
  let lineStart = 0;
  let counted = 0;
  const point = (index: number): ParserType.Point => {
    for (let feed = text.indexOf('\n', counted); feed !== -1 && feed < index; feed = text.indexOf('\n', feed + 1)) {
      row++;
      lineStart = feed + 1;
    }
    counted = index;
    return { row, column: (index - lineStart) * 2 };
  };
  const add = (start: number, end: number) => {
    if (end > start) ranges.push({ startIndex: start, startPosition: point(start), endIndex: end, endPosition: point(end) });
  };
  let at = 0;
  for (const [start, end] of skipped) {
    add(at, start);
    at = Math.max(at, end);
  }
  add(at, text.length);
  return ranges;
}

/**
 * Parses the text, leaving out the `skipped` stretches (tree-sitter does not even read them,
 * and node offsets stay those of `text`); null when the parse ran over its time budget. One
 * parser per language and thread, created on first use: loading a grammar costs more than
 * parsing a small file.
 */
export function parse(text: string, language: Grammar = 'c', budgetMs = parseBudgetMs(text.length), skipped: readonly [number, number][] = []): Tree | null {
  let parser = parsers.get(language);
  if (parser === undefined) {
    parser = new Parser();
    parser.setLanguage(require(GRAMMARS[language]) as ParserType.Language);
    parsers.set(language, parser);
  }
  const deadline = performance.now() + budgetMs;
  let tree: Tree | null = null;
  try {
    let calls = 0;
    // The callback runs very often; reading the clock on every 64th call is enough.
    const progressCallback = () => (++calls & 63) === 0 && performance.now() > deadline;
    tree = parser.parse(text, null, { progressCallback, includedRanges: skipped.length > 0 ? includedRanges(text, skipped) : undefined }) ?? null;
  } catch {
    tree = null;
  }
  // A halted parse would otherwise resume on the next call, with the next file's text.
  if (tree === null) parser.reset();
  return tree;
}
