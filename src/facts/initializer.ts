/**
 * Splits a brace initialiser or an argument list into its elements by reading the source text. The tree is not
 * used here because `#if` lines inside an initialiser list turn into ERROR nodes
 * (parsing-notes.md §5); the text keeps every element, with its offset, whatever the guards.
 */

export interface InitializerItem {
  /** The element's text, comments and directive lines removed, whitespace collapsed. */
  text: string;
  start: number;
  end: number;
  /** The field it initialises: from a designator (`.m_slots = x`) or from its position. */
  field: string | null;
  /** The value text without the designator. */
  value: string;
  /** Offset of the `{` when the element is itself a brace initialiser. */
  brace: number | null;
}

interface Branch {
  startCount: number;
  firstBranchCount: number | null;
}

function atLineStart(source: string, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const c = source[j];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

function directiveEnd(source: string, i: number): number {
  let j = i;
  while (j < source.length && source[j] !== '\n') {
    if (source[j] === '/' && source[j + 1] === '*') {
      const close = source.indexOf('*/', j + 2);
      j = close < 0 ? source.length : close + 2;
      continue;
    }
    if (source[j] === '\\' && (source[j + 1] === '\n' || (source[j + 1] === '\r' && source[j + 2] === '\n'))) {
      j += source[j + 1] === '\r' ? 3 : 2;
      continue;
    }
    j++;
  }
  return j;
}

function literalEnd(source: string, i: number): number {
  const quote = source[i];
  let j = i + 1;
  while (j < source.length && source[j] !== quote && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Text with no comment, no directive and no white space but single spaces: cleanText leaves it as it is, bar the ends. */
const NEEDS_CLEANING = /[/#]|\s\s|[^\S ]/;

/** Source text with comments and directive lines blanked, collapsed to single spaces. */
export function cleanText(text: string): string {
  // Most arguments are a name or a short expression: four passes over them would cost more than the rest of a call's facts.
  if (!NEEDS_CLEANING.test(text)) return text.trim();
  return text
    .replace(/\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*/g, ' ')
    .replace(/^[ \t]*#(?:\\\r?\n|[^\n])*/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const DESIGNATOR = /^\.\s*([A-Za-z_]\w*)\s*=\s*([\s\S]*)$/;

/**
 * Elements of the brace initialiser (or argument list) whose `{` (or `(`) is at `open`. `fields` names the members in
 * declaration order so positional elements get their field; in `#if/#else` branches the
 * position restarts at the branch, as the compiler would see either branch.
 */
export function listItems(source: string, open: number, fields: readonly string[] = []): { items: InitializerItem[]; end: number } {
  const items: InitializerItem[] = [];
  const branches: Branch[] = [];
  let position = 0;
  let depth = 0;
  let itemStart = -1;
  let brace: number | null = null;

  const finish = (stop: number) => {
    if (itemStart < 0) return;
    let end = stop;
    while (end > itemStart && /\s/.test(source[end - 1])) end--;
    const text = cleanText(source.slice(itemStart, end));
    if (text !== '') {
      const designated = DESIGNATOR.exec(text);
      if (designated) {
        const index = fields.indexOf(designated[1]);
        if (index >= 0) position = index;
      }
      items.push({
        text,
        start: itemStart,
        end,
        field: designated ? designated[1] : (fields[position] ?? null),
        value: designated ? designated[2].trim() : text,
        brace,
      });
      position++;
    }
    itemStart = -1;
    brace = null;
  };

  let i = open + 1;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? source.length : close + 2;
      continue;
    }
    if (c === '/' && next === '/') {
      const eol = source.indexOf('\n', i);
      i = eol < 0 ? source.length : eol;
      continue;
    }
    if (c === '#' && atLineStart(source, i)) {
      const end = directiveEnd(source, i);
      const keyword = /^#\s*(\w+)/.exec(source.slice(i, Math.min(end, i + 40)))?.[1] ?? '';
      if (depth === 0) {
        if (keyword === 'if' || keyword === 'ifdef' || keyword === 'ifndef') {
          branches.push({ startCount: position, firstBranchCount: null });
        } else if (keyword.startsWith('el') && branches.length > 0) {
          const top = branches[branches.length - 1];
          top.firstBranchCount ??= position;
          position = top.startCount;
        } else if (keyword === 'endif' && branches.length > 0) {
          const top = branches.pop() as Branch;
          position = Math.max(position, top.firstBranchCount ?? position);
        }
      }
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      if (itemStart < 0) itemStart = i;
      i = literalEnd(source, i);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (depth === 0 && (c === ',' || c === '}' || c === ')')) {
      finish(i);
      if (c !== ',') return { items, end: i + 1 };
      i++;
      continue;
    }
    if (itemStart < 0) itemStart = i;
    if (c === '{' && depth === 0 && brace === null) brace = i;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    i++;
  }
  finish(source.length);
  return { items, end: source.length };
}

/** `x`, `&x`, `(T *)x`, `&x[0]`, `(x)` → `x`; anything else is returned as is. */
export function referencedName(text: string): string | null {
  let t = text.trim();
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t.replace(/^\(\s*[A-Za-z_][\w\s]*\*\s*\)\s*/, '');
    t = t.replace(/^&\s*/, '');
    t = t.replace(/\[\s*0\s*\]$/, '');
    if (/^\(.*\)$/.test(t)) t = t.slice(1, -1).trim();
  }
  return /^[A-Za-z_]\w*$/.test(t) ? t : null;
}

/** The value of a string literal expression (`"a" "b"` → `ab`), or null if it is not one. */
export function stringLiteral(text: string): string | null {
  const literal = /"(?:\\.|[^"\\])*"/g;
  const parts = text.match(literal);
  if (!parts || text.replace(literal, '').trim() !== '') return null;
  return parts.map((p) => p.slice(1, -1)).join('');
}
