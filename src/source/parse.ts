import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserType;
const C = require('tree-sitter-c') as ParserType.Language;

export type Tree = ParserType.Tree;
export type SyntaxNode = ParserType.SyntaxNode;

let parser: ParserType | null = null;

/** One parser per thread, created on first use: loading the grammar costs more than a small file. */
export function parse(text: string): Tree {
  if (parser === null) {
    parser = new Parser();
    parser.setLanguage(C);
  }
  return parser.parse(text);
}
