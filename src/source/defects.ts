/**
 * Lexical defects that a compiler rejects or warns about. The file is audited anyway, but a
 * note names the line, since the parse after such a defect is a guess and findings there may
 * be missing or misplaced.
 */
import { LineIndex } from './lines.js';
import type { Directive, SourceScan } from './scan.js';

interface Defect {
  offset: number;
  message: string;
}

const OPENS_CONDITIONAL = new Set(['if', 'ifdef', 'ifndef']);
const CONTINUES_CONDITIONAL = new Set(['elif', 'elifdef', 'elifndef', 'else', 'endif']);

/** The first of several alike, with their number: one note per kind of defect is enough. */
function first(offsets: readonly number[], message: string): Defect[] {
  if (offsets.length === 0) return [];
  return [{ offset: offsets[0], message: offsets.length === 1 ? message : `${message} (and ${offsets.length - 1} more)` }];
}

/** Comments and strings never closed. Character literals are left alone: apostrophes in `#if 0` prose are common. */
function unterminatedLiterals(scan: SourceScan): Defect[] {
  const comments = scan.unclosedComments.map((offset) => ({ offset, message: 'unterminated /* comment: the rest of the file is a comment' }));
  return [...first(scan.unclosedStrings, 'unterminated string literal'), ...comments];
}

function unbalancedConditionals(directives: readonly Directive[]): Defect[] {
  const open: number[] = [];
  const stray: Directive[] = [];
  for (const d of directives) {
    if (OPENS_CONDITIONAL.has(d.keyword)) open.push(d.start);
    else if (CONTINUES_CONDITIONAL.has(d.keyword) && open.length === 0) stray.push(d);
    else if (d.keyword === 'endif') open.pop();
  }
  return [...first(open, '#if without #endif'), ...first(stray.map((d) => d.start), `#${stray[0]?.keyword} without #if`)];
}

/** NUL bytes past the binary probe: compilers skip them with a warning, so the text is still C. */
function nulBytes(text: string): Defect[] {
  const at = text.indexOf('\0');
  if (at === -1) return [];
  const count = text.split('\0').length - 1;
  return [{ offset: at, message: `${count} NUL byte${count === 1 ? '' : 's'} in a text file (compilers ignore them)` }];
}

/** Notes for the file, `line N: …`, in line order; none for a file a compiler accepts. */
export function sourceDefects(text: string, scan: SourceScan): string[] {
  const defects = [...nulBytes(text), ...unterminatedLiterals(scan), ...unbalancedConditionals(scan.directives)];
  if (defects.length === 0) return [];
  const lines = new LineIndex(text);
  return defects.sort((a, b) => a.offset - b.offset).map((d) => `line ${lines.line(d.offset)}: ${d.message}`);
}
