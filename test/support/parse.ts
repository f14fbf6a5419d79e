import assert from 'node:assert/strict';
import { parse, type Tree } from '../../src/source/parse.js';

/** Parses or fails the test: a parse that gives up is never what a test expects. */
export function mustParse(text: string, skipped: readonly [number, number][] = []): Tree {
  const tree = parse(text, 'c', undefined, skipped);
  assert.ok(tree, 'tree-sitter gave up');
  return tree;
}
