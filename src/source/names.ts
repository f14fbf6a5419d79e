/**
 * Names followed by `(`, found from each `(` back to the name before it: a text has far fewer
 * parentheses than names, and a regular expression would try every name.
 */

/** Every name of a text, with `match`. */
export const IDENTIFIER = /\b[A-Za-z_]\w*/g;

export function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** White space as `\s` means it. */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]));
}

/** The start of the name before the `(` at `paren`, white space between allowed, not before `from`; -1 when there is none. */
export function nameBefore(text: string, paren: number, from = 0): number {
  let end = paren;
  while (end > from && isSpaceAt(text, end - 1)) end--;
  let start = end;
  while (start > from && isWordCode(text.charCodeAt(start - 1))) start--;
  const first = text.charCodeAt(start);
  // A name starts with a letter or `_`, and at a word boundary.
  if (start === end || (first >= 48 && first <= 57) || (start === from && start > 0 && isWordCode(text.charCodeAt(start - 1)))) return -1;
  return start;
}

export interface NameBeforeParen {
  name: string;
  /** Offsets of the name and of its `(`. */
  start: number;
  paren: number;
}

/** Every name followed by `(` in the text, in order: what `\b([A-Za-z_]\w*)\s*\(` matches. */
export function namesBeforeParens(text: string): NameBeforeParen[] {
  const found: NameBeforeParen[] = [];
  for (let paren = text.indexOf('('); paren !== -1; paren = text.indexOf('(', paren + 1)) {
    const start = nameBefore(text, paren);
    if (start < 0) continue;
    let end = paren;
    while (isSpaceAt(text, end - 1)) end--;
    found.push({ name: text.slice(start, end), start, paren });
  }
  return found;
}
