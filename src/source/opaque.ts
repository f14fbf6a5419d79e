/**
 * Blocks whose inside no fact reads from the tree: the bodies of most functions, and the brace
 * initialisers of file-scope declarations. Calls, assignments, regions and table entries are
 * read from the text; the tree only places the blocks (their braces) and the declarations
 * around them. Left out of the parse (tree-sitter's included ranges, so node offsets stay those
 * of the text), such a block costs nothing: about two thirds of the text is not read. Blanking
 * would not do: tree-sitter takes about as long over spaces as over code.
 *
 * What a fact does read inside a body stays:
 * - the declarations of `static` locals (variable facts come from their declaration nodes);
 * - the whole body when it calls `PyUnstable_Module_SetGIL` (the statements after a `return`),
 *   names `PyModuleDef` (a definition local to an init function) or opens a critical section
 *   (its exits).
 *
 * Braces are counted in `code` (comments, literals and dead branches blanked) outside directive
 * lines, as tree-sitter counts them: neither expands macros. Where the two can disagree is a
 * conditional directive whose branches do not each close what they open; a body holding one
 * stays whole. A mismatch left over is caught after the parse: every block must come back as
 * a function body or an initialiser; one that does not is parsed in full on a second try, and
 * the whole file if that fails too (see analysis.ts).
 */
import { isSpaceAt } from './names.js';
import type { MacroUse } from './prepass.js';
import type { Directive } from './scan.js';

export interface OpaqueBlock {
  /** The inside of the braces, [start, end). */
  start: number;
  end: number;
  /** Stretches inside left for the parser, in order: the declarations of `static` locals. */
  kept: [number, number][];
}

const OPENS = new Set(['if', 'ifdef', 'ifndef']);
const NEXT_BRANCH = new Set(['elif', 'elifdef', 'elifndef', 'else']);
const READ_WHOLE = /\bPyUnstable_Module_SetGIL\b|\bPyModuleDef\b/;
const STATIC = /\bstatic\b/g;

/** The file-scope blocks to leave out of the parse, in order: a `{` after `)` (a function body) or after `=` (an initialiser). */
export function opaqueBlocks(code: string, directives: readonly Directive[], uses: readonly MacroUse[]): OpaqueBlock[] {
  const blocks: OpaqueBlock[] = [];
  const sections = uses.filter((u) => u.family === 'critical-section').map((u) => u.start);
  let nextSection = 0;
  let depth = 0;
  let open = -1;
  let isBody = false;
  // Depths at the conditional directives open inside the block; a branch must end where it began.
  const branches: number[] = [];
  let unbalanced = false;
  const pass = (d: Directive) => {
    if (depth === 0 || !(OPENS.has(d.keyword) || NEXT_BRANCH.has(d.keyword) || d.keyword === 'endif')) return;
    if (code.slice(d.start, d.end).trim() === '') return;
    if (OPENS.has(d.keyword)) branches.push(depth);
    else if (branches[branches.length - 1] !== depth) unbalanced = true;
    else if (d.keyword === 'endif') branches.pop();
  };
  let next = 0;
  const marks = /[{}]/g;
  for (let m = marks.exec(code); m !== null; m = marks.exec(code)) {
    const at = m.index;
    while (next < directives.length && directives[next].end <= at) pass(directives[next++]);
    if (next < directives.length && directives[next].start <= at) continue;
    if (m[0] === '{') {
      if (depth++ > 0) continue;
      let before = at - 1;
      while (before >= 0 && isSpaceAt(code, before)) before--;
      isBody = code[before] === ')';
      open = isBody || code[before] === '=' ? at : -1;
      branches.length = 0;
      unbalanced = false;
      continue;
    }
    if (depth === 0 || --depth > 0 || open < 0) continue;
    const block: OpaqueBlock = { start: open + 1, end: at, kept: [] };
    open = -1;
    if (unbalanced || branches.length > 0) continue;
    while (nextSection < sections.length && sections[nextSection] < block.start) nextSection++;
    if (isBody) {
      if (nextSection < sections.length && sections[nextSection] < block.end) continue;
      const inside = code.slice(block.start, block.end);
      if (READ_WHOLE.test(inside)) continue;
      const kept = staticDeclarations(code, block, inside);
      if (kept === null) continue;
      block.kept = kept;
    }
    blocks.push(block);
  }
  return blocks;
}

/**
 * Most stretches a parse leaves out. Each costs tree-sitter time in proportion to the text after
 * it, so a generated file of many small functions would parse slower than whole; the largest
 * file of the bench corpus (zstd.c, 2.2 MB) has about 1 200.
 */
export const MAX_SKIPPED = 2000;

/** The stretches the parse leaves out, in order: each block's inside but what it keeps; the longest MAX_SKIPPED of them. */
export function skippedStretches(blocks: readonly OpaqueBlock[]): [number, number][] {
  const stretches: [number, number][] = [];
  for (const block of blocks) {
    let from = block.start;
    for (const [start, end] of block.kept) {
      if (start > from) stretches.push([from, start]);
      from = end;
    }
    if (block.end > from) stretches.push([from, block.end]);
  }
  if (stretches.length <= MAX_SKIPPED) return stretches;
  const longest = new Set([...stretches].sort((a, b) => b[1] - b[0] - (a[1] - a[0])).slice(0, MAX_SKIPPED));
  return stretches.filter((s) => longest.has(s));
}

/**
 * The `static …;` declarations in a body, each from its keyword to its semicolon; null when
 * one cannot be cut out cleanly (not at the start of a statement, or crossing a directive line).
 */
function staticDeclarations(code: string, block: OpaqueBlock, inside: string): [number, number][] | null {
  const kept: [number, number][] = [];
  // Searched in the block's own text: from the block in the file's, a search would run on to the next `static`, however far.
  STATIC.lastIndex = 0;
  for (let m = STATIC.exec(inside); m !== null; m = STATIC.exec(inside)) {
    const at = block.start + m.index;
    let before = at - 1;
    while (before >= block.start && isSpaceAt(code, before)) before--;
    const previous = before < block.start ? '{' : code[before];
    if (previous !== ';' && previous !== '{' && previous !== '}') return null;
    const end = statementEnd(code, at, block.end);
    if (end < 0) return null;
    kept.push([at, end]);
    STATIC.lastIndex = end - block.start;
  }
  return kept;
}

/** The offset after the `;` that ends the statement starting at `from`, outside brackets; -1 if none before `limit`. */
function statementEnd(code: string, from: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) return -1;
    } else if (c === ';' && depth === 0) return i + 1;
    else if (c === '#') return -1;
  }
  return -1;
}
