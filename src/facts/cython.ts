/**
 * A Cython module, read for the compiler directives in its header comments. Cython honours
 * `# cython: name=value, …` only in the comment lines before the first line of code, and
 * `freethreading_compatible=True` there makes the module it generates declare
 * Py_MOD_GIL_NOT_USED. Generated C is skipped elsewhere; the `.pyx` is what gets judged.
 */
import path from 'node:path';
import { LineIndex } from '../source/lines.js';
import { emptyFacts } from './extract.js';
import type { FileFacts } from './types.js';

const DIRECTIVE_LINE = /^#\s*cython\s*:(.*)$/;

/** `name=value` pairs of the header's directive comments, as written (spaces around `=` dropped). */
export function headerDirectives(text: string): { directives: string[]; line: number } {
  const directives: string[] = [];
  let line = 1;
  for (const [index, raw] of text.split(/\r\n|\r|\n/).entries()) {
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('#')) break;
    const m = DIRECTIVE_LINE.exec(trimmed);
    if (m === null) continue;
    if (directives.length === 0) line = index + 1;
    for (const pair of m[1].split(',')) {
      const directive = pair.replace(/\s*=\s*/, '=').trim();
      if (directive !== '') directives.push(directive);
    }
  }
  return { directives, line };
}

export function cythonFacts(file: string, text: string): FileFacts {
  const { directives, line } = headerDirectives(text);
  const lines = new LineIndex(text);
  const start = lines.starts[line - 1] ?? 0;
  const end = text.slice(start).search(/\r|\n|$/) + start;
  return {
    ...emptyFacts(file),
    bindingModules: [
      { framework: 'cython', name: path.posix.basename(file).replace(/\.pyx$/i, ''), options: directives, range: lines.range(start, end), guard: [] },
    ],
  };
}
