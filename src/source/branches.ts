/**
 * Blanks preprocessor branches that no Python 3 build compiles (`#if 0`, Python 2 branches,
 * `#ifdef __cplusplus`) and, where a whole `#if` chain is decided, its directive lines too.
 * A function whose header is split over `#if PY_MAJOR_VERSION >= 3 … #else … #endif` (common
 * in older extensions) then parses as one function. Offsets are preserved: blanked text
 * becomes spaces, newlines stay.
 */
import { compiledIn, mentionsAny, type Scenario } from '../facts/guards.js';
import { guardIndex } from '../facts/conditions.js';
import type { Grammar } from './parse.js';
import { blank } from './prepass.js';
import { IDENTIFIER } from './names.js';
import { parseDefine, type Directive } from './scan.js';

/**
 * Every CPython 3, at both ends of each minor release (3.0.0a0 … 3.x.15 final), up to well past
 * 3.14 so code written for future versions is kept; compiled as C, or as C++ for C++ sources
 * (`__cplusplus` is then defined, with the C++17 value). Nothing else is known.
 */
function python3(language: Grammar): Scenario[] {
  return Array.from({ length: 2 * 21 }, (_, i) => {
    const minor = i >> 1;
    return {
      name: `CPython 3.${minor}`,
      macros: new Map<string, number | null>([
        ['PY_MAJOR_VERSION', 3],
        ['PY_MINOR_VERSION', minor],
        ['PY_VERSION_HEX', 0x03000000 + minor * 0x10000 + (i & 1 ? 0xfff0 : 0)],
        ['__cplusplus', language === 'cpp' ? 201703 : null],
      ]),
    };
  });
}

const PYTHON_3: Record<Grammar, Scenario[]> = { c: python3('c'), cpp: python3('cpp') };

type Decision = boolean | undefined;

/** The macros whose value differs between the Python 3 scenarios. */
const VERSION_MACROS: ReadonlySet<string> = new Set(['PY_MAJOR_VERSION', 'PY_MINOR_VERSION', 'PY_VERSION_HEX']);

/** The scenarios that can tell a guard apart: most conditions name no version, and every scenario gives them the first one's value. */
function distinct(guard: readonly string[], scenarios: readonly Scenario[]): readonly Scenario[] {
  return guard.some((c) => mentionsAny(c, VERSION_MACROS)) ? scenarios : scenarios.slice(0, 1);
}

function decide(condition: string, scenarios: readonly Scenario[]): Decision {
  const values = distinct([condition], scenarios).map((s) => compiledIn([condition], s));
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}

/**
 * The file's own switches defined for every Python 3: `#if PY_MAJOR_VERSION >= 3` /
 * `#define IS_PY3K` makes a later `#ifdef IS_PY3K` decidable, and so does a debug switch
 * defined unconditionally (`#define TRACING 0`, then `#if TRACING`). Only empty or numeric
 * definitions are taken; a macro also #undef'd, or defined twice with different values, is
 * left unknown. In offset order: a switch decides only the conditions that follow it, as the
 * preprocessor sees them, so a header's `#ifndef X_H` is never decided by its own `#define X_H`.
 */
function projectSwitches(directives: readonly Directive[], language: Grammar): { name: string; value: number; at: number }[] {
  const guards = guardIndex(directives);
  const found: { name: string; value: number; at: number }[] = [];
  const values = new Map<string, number>();
  const conflicting = new Set(directives.filter((d) => d.keyword === 'undef').map((d) => d.body.trim()));
  for (const d of directives) {
    const define = parseDefine(d);
    if (!define || define.params !== null || conflicting.has(define.name) || !/^(?:\d+)?$/.test(define.body)) continue;
    const value = Number(define.body || 1);
    if (values.has(define.name) && values.get(define.name) !== value) conflicting.add(define.name);
    const guard = guards.at(d.start);
    if (distinct(guard, PYTHON_3[language]).every((s) => compiledIn(guard, s) === true)) {
      values.set(define.name, value);
      found.push({ name: define.name, value, at: d.start });
    }
  }
  return found.filter((s) => !conflicting.has(s.name));
}

/**
 * The Python 3 scenarios in which to read a condition at an offset: with the switches it names
 * that are defined before it. A condition reads no other macro, so the scenarios need no other
 * switch, and a file of thousands of switches stays linear.
 */
function scenariosAt(directives: readonly Directive[], language: Grammar): (condition: string, offset: number) => readonly Scenario[] {
  const first = new Map<string, { value: number; at: number }>();
  for (const s of projectSwitches(directives, language)) if (!first.has(s.name)) first.set(s.name, s);
  const built = new Map<string, Scenario[]>();
  return (condition, offset) => {
    const known: [string, number][] = [];
    for (const name of new Set(condition.match(IDENTIFIER))) {
      const s = first.get(name);
      if (s !== undefined && s.at < offset) known.push([name, s.value]);
    }
    if (known.length === 0) return PYTHON_3[language];
    const key = known.join(';');
    let scenarios = built.get(key);
    if (scenarios === undefined) {
      scenarios = PYTHON_3[language].map((s) => ({ name: s.name, macros: new Map([...s.macros, ...known]) }));
      built.set(key, scenarios);
    }
    return scenarios;
  };
}

interface Chain {
  directives: Directive[];
  conditions: (string | null)[];
}

function conditionOf(d: Directive): string | null {
  switch (d.keyword) {
    case 'if':
    case 'elif':
      return d.body;
    case 'ifdef':
    case 'elifdef':
      return `defined(${d.body})`;
    case 'ifndef':
    case 'elifndef':
      return `!defined(${d.body})`;
    default:
      return null;
  }
}

function chains(directives: readonly Directive[]): Chain[] {
  const done: Chain[] = [];
  const open: Chain[] = [];
  for (const d of directives) {
    if (d.keyword === 'if' || d.keyword === 'ifdef' || d.keyword === 'ifndef') {
      open.push({ directives: [d], conditions: [conditionOf(d)] });
    } else if (/^el(se|if|ifdef|ifndef)$/.test(d.keyword) && open.length > 0) {
      const top = open[open.length - 1];
      top.directives.push(d);
      top.conditions.push(d.keyword === 'else' ? null : conditionOf(d));
    } else if (d.keyword === 'endif' && open.length > 0) {
      const top = open.pop() as Chain;
      top.directives.push(d);
      done.push(top);
    }
  }
  return done;
}

export function blankDeadBranches(text: string, directives: readonly Directive[], language: Grammar = 'c'): string {
  return blankSpans(text, deadSpans(directives, language));
}

/** The [start, end) offsets no Python 3 build compiles, in order; they may nest. */
export function deadSpans(directives: readonly Directive[], language: Grammar = 'c'): [number, number][] {
  const scenarios = scenariosAt(directives, language);
  const spans: [number, number][] = [];
  for (const chain of chains(directives)) {
    let anyTrue = false;
    let allDecided = true;
    for (let b = 0; b < chain.directives.length - 1; b++) {
      const condition = chain.conditions[b];
      const decision: Decision = anyTrue ? false : condition === null ? true : decide(condition, scenarios(condition, chain.directives[b].start));
      if (decision === false) spans.push([chain.directives[b].end, chain.directives[b + 1].start]);
      else if (decision === true) anyTrue = true;
      else allDecided = false;
    }
    if (allDecided) for (const d of chain.directives) spans.push([d.start, d.end]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

export function blankSpans(text: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) return text;
  const parts: string[] = [];
  let copied = 0;
  for (const [start, end] of spans) {
    // Spans nest (a dead branch holds a decided chain); blank each stretch once.
    const from = Math.max(start, copied);
    if (end <= from) continue;
    parts.push(text.slice(copied, from), blank(text.slice(from, end)));
    copied = end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Directive lines inside brace initialisers (`#if` around a slot entry or a method-table row),
 * as spans to blank in the text tree-sitter parses: there they are not preprocessor nodes but
 * ERRORs, which can swallow the whole declaration. The entries of every branch stay, which an
 * initialiser list accepts; guards are read from the directives themselves, never from the tree.
 * `code` has comments and literals blanked, so only real braces count.
 */
export function initializerDirectiveSpans(code: string, directives: readonly Directive[]): [number, number][] {
  const spans: [number, number][] = [];
  const opens: boolean[] = [];
  let next = 0;
  // Braces and directives in order; only the text before a `{` is looked at, not every character.
  const marks = /[{}]/g;
  for (let m = marks.exec(code); m !== null || next < directives.length; m = m === null ? null : marks.exec(code)) {
    const at = m?.index ?? code.length;
    while (next < directives.length && directives[next].start < at) {
      if (opens[opens.length - 1] === true) spans.push([directives[next].start, directives[next].end]);
      next++;
    }
    if (m === null) break;
    if (next > 0 && at < directives[next - 1].end) continue;
    if (m[0] === '}') {
      opens.pop();
      continue;
    }
    let before = at - 1;
    while (before >= 0 && /\s/.test(code[before])) before--;
    const previous = code[before] ?? '';
    // `= {` opens an initialiser; `{` or `,` before a brace inside one opens a nested one.
    opens.push(previous === '=' || ((previous === '{' || previous === ',') && opens[opens.length - 1] === true));
  }
  return spans;
}
