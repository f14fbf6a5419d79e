/**
 * Which sources are audited, and as what: C files and headers as C, C++ sources (pybind11,
 * nanobind, hand-written C API) as C++, Cython modules for their compiler directives.
 */
export type Language = 'c' | 'cpp' | 'cython';

const BY_EXTENSION: Record<string, Language> = {
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  hxx: 'cpp',
  pyx: 'cython',
};

export const SOURCE_PATTERNS = Object.keys(BY_EXTENSION).map((extension) => `**/*.${extension}`);

/** The language of a source file by its name; null for a file that is not a source. */
export function languageOf(file: string): Language | null {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? null : (BY_EXTENSION[file.slice(dot + 1).toLowerCase()] ?? null);
}

/** Marks only C++ has: a header holding them is parsed as C++ whatever its name. */
const CPP_MARKS = /^[ \t]*(?:namespace\s+[\w:]*\s*\{|template\s*<|class\s+\w+\s*(?:final\s*)?[:{]|(?:public|private|protected)\s*:)/m;

/** The grammar a C or C++ source is parsed with: `.h` headers of a C++ project hold classes and templates. */
export function grammarOf(file: string, text: string): 'c' | 'cpp' {
  const language = languageOf(file);
  if (language === 'cpp') return 'cpp';
  return file.toLowerCase().endsWith('.h') && CPP_MARKS.test(text) ? 'cpp' : 'c';
}
