/**
 * Blocks whose inside no fact reads from the tree: the bodies of most functions, and the brace
 * initialisers of file-scope declarations. Calls, assignments, regions and table entries are
 * read from the text; the tree only places the blocks (their braces) and the declarations
 * around them. Blanked before parsing, such a block costs tree-sitter next to nothing, and
 * about a third of the parse goes.
 *
 * A body is left whole when a fact does read inside it: a `static` local (a variable fact from
 * its declaration node), `PyUnstable_Module_SetGIL` (the statements after a `return`),
 * `PyModuleDef` (a definition local to an init function) or a critical section (its exits).
 * So is a body holding a conditional directive, whose branches may each open a brace.
 */
import type { MacroUse } from './prepass.js';
import type { Directive } from './scan.js';

const CONDITIONAL = new Set(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif']);
const READ_INSIDE = /\bstatic\b|\bPyUnstable_Module_SetGIL\b|\bPyModuleDef\b/;

/**
 * The [start, end) insides of the file-scope blocks to blank, in order: a `{` after `)` (a
 * function body) or after `=` (an initialiser), with braces counted in `code` (comments,
 * literals and dead branches blanked) outside directive lines. A mismatch the braces hide
 * (a macro that opens a block) is caught after the parse: every span must come back as a
 * function body or an initialiser, or the file is parsed whole (see analysis.ts).
 */
export function opaqueBlocks(code: string, directives: readonly Directive[], uses: readonly MacroUse[]): [number, number][] {
  const spans: [number, number][] = [];
  // Offsets a body must not hold, in order: conditional directive lines and critical sections.
  const marked = [
    ...directives.filter((d) => CONDITIONAL.has(d.keyword) && code.slice(d.start, d.end).trim() !== '').map((d) => d.start),
    ...uses.filter((u) => u.family === 'critical-section').map((u) => u.start),
  ].sort((a, b) => a - b);
  let nextMark = 0;
  let depth = 0;
  let open = -1;
  let isBody = false;
  let next = 0;
  const marks = /[{}]/g;
  for (let m = marks.exec(code); m !== null; m = marks.exec(code)) {
    const at = m.index;
    while (next < directives.length && directives[next].end <= at) next++;
    if (next < directives.length && directives[next].start <= at) continue;
    if (m[0] === '{') {
      if (depth++ > 0) continue;
      let before = at - 1;
      while (before >= 0 && (code[before] === ' ' || code[before] === '\t' || code[before] === '\n' || code[before] === '\r')) before--;
      isBody = code[before] === ')';
      open = isBody || code[before] === '=' ? at : -1;
      continue;
    }
    if (depth === 0 || --depth > 0 || open < 0) continue;
    const inside: [number, number] = [open + 1, at];
    open = -1;
    while (nextMark < marked.length && marked[nextMark] < inside[0]) nextMark++;
    if (isBody && ((nextMark < marked.length && marked[nextMark] < inside[1]) || READ_INSIDE.test(code.slice(inside[0], inside[1])))) continue;
    spans.push(inside);
  }
  return spans;
}
