/**
 * Lexical scanning shared by the pre-pass and the facts: the parts of C that the tree does
 * not describe well (preprocessor lines) or that must be skipped (comments, literals).
 */

// Order matters: at each position the first alternative that matches wins.
const BLOCK_COMMENT = String.raw`\/\*[\s\S]*?(?:\*\/|$)`;
const LINE_COMMENT = String.raw`\/\/(?:\\\r?\n|[^\n])*`;
// Literals stop at a newline so a stray apostrophe (English text under `#if 0`) cannot swallow the file.
const STRING = String.raw`"(?:\\[\s\S]|[^"\\\n])*"?`;
const CHAR = String.raw`'(?:\\[\s\S]|[^'\\\n])*'?`;
// A comment opened on a directive line belongs to the directive, even over several lines; the
// search for its `*/` is bounded so that thousands of unclosed comments stay linear.
const DIRECTIVE = String.raw`(?<![^\n\r])[ \t]*#(?:\\\r?\n|\/\*[\s\S]{0,4000}?\*\/|[^\n])*`;

export const NON_CODE = [BLOCK_COMMENT, LINE_COMMENT, STRING, CHAR, DIRECTIVE].join('|');

export interface Directive {
  /** `if`, `ifdef`, `define`, `include`, … (empty for a null directive). */
  keyword: string;
  /** Everything after the keyword, continuations joined and comments removed. */
  body: string;
  start: number;
  end: number;
}

export function isDirectiveMatch(match: string): boolean {
  const first = match.charCodeAt(0);
  return first === 35 /* # */ || first === 32 || first === 9;
}

export function parseDirective(text: string, start: number): Directive {
  const joined = text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/.*$/, '');
  // The body is what follows, trimmed: a lazy group before `\s*$` would re-read a long run of spaces from each of its positions.
  const m = /^\s*#\s*([A-Za-z_]\w*)?\s*/.exec(joined);
  return { keyword: m?.[1] ?? '', body: m === null ? '' : joined.slice(m[0].length).trim(), start, end: start + text.length };
}

// STRING anchored: a literal that reached its closing quote.
const TERMINATED_STRING = /^"(?:\\[\s\S]|[^"\\\n])*"$/;

/** What one lexical pass over a file finds. */
export interface SourceScan {
  /** Every preprocessor directive, in order; directives inside comments are not directives. */
  directives: Directive[];
  /** Where a `/*` comment opens that is never closed (it runs to the end of the file: at most one). */
  unclosedComments: number[];
  /** Where each string literal starts that the line ends before it is closed. */
  unclosedStrings: number[];
}

export function scanSource(text: string): SourceScan {
  const re = new RegExp(NON_CODE, 'g');
  const scan: SourceScan = { directives: [], unclosedComments: [], unclosedStrings: [] };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const found = m[0];
    if (found.length === 0) {
      re.lastIndex++;
      continue;
    }
    if (isDirectiveMatch(found)) scan.directives.push(parseDirective(found, m.index));
    else if (found.startsWith('/*') && !(found.length >= 4 && found.endsWith('*/'))) scan.unclosedComments.push(m.index);
    else if (found.startsWith('"') && !TERMINATED_STRING.test(found)) scan.unclosedStrings.push(m.index);
  }
  return scan;
}

export function scanDirectives(text: string): Directive[] {
  return scanSource(text).directives;
}

export interface MacroDefinition {
  name: string;
  /** Parameter names of a function-like macro; null for an object-like one. */
  params: string[] | null;
  body: string;
}

// An identifier, or `...` or `args...` for a variadic macro.
const PARAMETER = /^(?:[A-Za-z_]\w*(?:\s*\.\.\.)?|\.\.\.)$/;

export function parseDefine(directive: Directive): MacroDefinition | null {
  if (directive.keyword !== 'define') return null;
  const m = /^([A-Za-z_]\w*)(\(([^)]*)\))?\s*([\s\S]*)$/.exec(directive.body);
  if (!m) return null;
  const params = m[2] === undefined ? null : m[3].split(',').map((p) => p.trim()).filter((p) => p !== '');
  // A compiler rejects any other parameter list, so the directive defines nothing; its text must not reach a RegExp either.
  if (params !== null && !params.every((p) => PARAMETER.test(p))) return null;
  return { name: m[1], params, body: m[4].trim() };
}
