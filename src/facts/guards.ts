/**
 * Three-valued evaluation of `#if` expressions in a build scenario. A scenario knows some
 * macros (defined with a value, or known to be undefined); every other macro is unknown, so
 * a guard on a project's own macro evaluates to "unknown" and rules stay silent about it.
 */
import type { Guard } from './types.js';

export interface Scenario {
  name: string;
  /** A number: defined with that value; null: known to be undefined; absent: unknown. */
  macros: ReadonlyMap<string, number | null>;
  /** A release build: NDEBUG is defined and the project's own debugging switches are off. */
  release?: boolean;
}

type Value = number | undefined;

/** A project's own debugging switch: `LZ4_DEBUG`, `DEBUG_TRACE`, MSVC's `_DEBUG`; not CPython's `Py_DEBUG`. */
const DEBUG_SWITCH = /(?:^|_)DEBUG(?:_|$)/;

/** A macro's value in a scenario: a number, null when undefined there, undefined when unknown. */
function macroIn(scenario: Scenario, name: string): number | null | undefined {
  if (scenario.macros.has(name)) return scenario.macros.get(name);
  if (scenario.release === true) {
    if (name === 'NDEBUG') return 1;
    if (DEBUG_SWITCH.test(name) && !/^_?P[yY]/.test(name)) return null;
  }
  return undefined;
}

const TOKEN = /\s*(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|\s*([A-Za-z_]\w*)|\s*('(?:\\.|[^'\\])*')|\s*(&&|\|\||==|!=|<=|>=|<<|>>|[!~<>+\-*/%&|^()?:,])/y;

const tokenized = new Map<string, string[] | null>();

/** Tokens of an `#if` expression; each expression is tokenized once, whatever the number of scenarios. */
function tokenize(expr: string): string[] | null {
  let tokens = tokenized.get(expr);
  if (tokens === undefined) tokenized.set(expr, (tokens = tokenizeOnce(expr)));
  return tokens;
}

function tokenizeOnce(expr: string): string[] | null {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m) return null;
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
    pos = TOKEN.lastIndex;
  }
  return tokens;
}

const BINARY: Record<string, [number, (a: number, b: number) => number]> = {
  '||': [2, (a, b) => Number(a !== 0 || b !== 0)],
  '&&': [3, (a, b) => Number(a !== 0 && b !== 0)],
  '|': [4, (a, b) => a | b],
  '^': [5, (a, b) => a ^ b],
  '&': [6, (a, b) => a & b],
  '==': [7, (a, b) => Number(a === b)],
  '!=': [7, (a, b) => Number(a !== b)],
  '<': [8, (a, b) => Number(a < b)],
  '>': [8, (a, b) => Number(a > b)],
  '<=': [8, (a, b) => Number(a <= b)],
  '>=': [8, (a, b) => Number(a >= b)],
  '<<': [9, (a, b) => a * 2 ** b],
  '>>': [9, (a, b) => Math.floor(a / 2 ** b)],
  '+': [10, (a, b) => a + b],
  '-': [10, (a, b) => a - b],
  '*': [11, (a, b) => a * b],
  '/': [11, (a, b) => (b === 0 ? NaN : Math.trunc(a / b))],
  '%': [11, (a, b) => (b === 0 ? NaN : a % b)],
};

class Evaluator {
  private pos = 0;
  constructor(
    private readonly tokens: string[],
    private readonly scenario: Scenario,
  ) {}

  run(): Value {
    const value = this.ternary();
    if (this.pos !== this.tokens.length) throw new Error('trailing tokens');
    return value;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private take(expected?: string): string {
    const t = this.tokens[this.pos++];
    if (t === undefined || (expected !== undefined && t !== expected)) throw new Error('unexpected token');
    return t;
  }

  private ternary(): Value {
    const condition = this.binary(2);
    if (this.peek() !== '?') return condition;
    this.take('?');
    const yes = this.ternary();
    this.take(':');
    const no = this.ternary();
    if (condition === undefined) return yes === no ? yes : undefined;
    return condition !== 0 ? yes : no;
  }

  private binary(minPrecedence: number): Value {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      const entry = op === undefined ? undefined : BINARY[op];
      if (entry === undefined || entry[0] < minPrecedence) return left;
      this.take();
      const right = this.binary(entry[0] + 1);
      left = combine(op as string, left, right, entry[1]);
    }
  }

  private unary(): Value {
    const t = this.take();
    if (t === '!') return mapValue(this.unary(), (v) => Number(v === 0));
    if (t === '~') return mapValue(this.unary(), (v) => ~v);
    if (t === '-') return mapValue(this.unary(), (v) => -v);
    if (t === '+') return this.unary();
    if (t === '(') {
      const v = this.ternary();
      this.take(')');
      return v;
    }
    if (t === 'defined') {
      const parens = this.peek() === '(';
      if (parens) this.take('(');
      const name = this.take();
      if (parens) this.take(')');
      const value = macroIn(this.scenario, name);
      return value === undefined ? undefined : Number(value !== null);
    }
    if (/^\d/.test(t)) return Number(t.startsWith('0') && t.length > 1 && !/^0[xX]/.test(t) ? parseInt(t, 8) : t);
    if (t.startsWith("'")) return undefined;
    if (/^[A-Za-z_]/.test(t)) {
      if (this.peek() === '(') {
        this.skipArguments();
        return undefined;
      }
      const known = macroIn(this.scenario, t);
      return known === null ? 0 : known;
    }
    throw new Error(`unexpected ${t}`);
  }

  private skipArguments(): void {
    let depth = 0;
    do {
      const t = this.take();
      if (t === '(') depth++;
      else if (t === ')') depth--;
    } while (depth > 0);
  }
}

function mapValue(v: Value, f: (v: number) => number): Value {
  return v === undefined ? undefined : f(v);
}

function combine(op: string, a: Value, b: Value, f: (a: number, b: number) => number): Value {
  if (op === '&&' && (a === 0 || b === 0)) return 0;
  if (op === '||' && ((a !== undefined && a !== 0) || (b !== undefined && b !== 0))) return 1;
  if (a === undefined || b === undefined) return undefined;
  const v = f(a, b);
  return Number.isNaN(v) ? undefined : v;
}

const cache = new WeakMap<Scenario, Map<string, Value>>();

/** The value of one `#if` expression: a number, or undefined when it depends on unknown macros. */
export function evaluate(expr: string, scenario: Scenario): number | undefined {
  let known = cache.get(scenario);
  if (known === undefined) cache.set(scenario, (known = new Map()));
  if (known.has(expr)) return known.get(expr);
  const tokens = tokenize(expr);
  let value: Value;
  try {
    value = tokens === null || tokens.length === 0 ? undefined : new Evaluator(tokens, scenario).run();
  } catch {
    value = undefined;
  }
  known.set(expr, value);
  return value;
}

/** Whether an `#if` expression names one of `names`: if not, scenarios that differ only in those give it one value. */
export function mentionsAny(expr: string, names: ReadonlySet<string>): boolean {
  return tokenize(expr)?.some((t) => names.has(t)) ?? true;
}

/** Whether code under the guard is compiled in the scenario: true, false, or undefined (cannot tell). */
export function compiledIn(guard: Guard, scenario: Scenario): boolean | undefined {
  let result: boolean | undefined = true;
  for (const condition of guard) {
    const v = evaluate(condition, scenario);
    if (v === 0) return false;
    if (v === undefined) result = undefined;
  }
  return result;
}

const GIL_MACROS_DEFINED: [string, number][] = [
  ['Py_mod_gil', 4],
  ['Py_MOD_GIL_USED', 0],
  ['Py_MOD_GIL_NOT_USED', 1],
];
const GIL_MACROS_UNDEFINED: [string, null][] = GIL_MACROS_DEFINED.map(([name]) => [name, null]);

function versionMacros(minor: number, hex: number): [string, number][] {
  return [
    ['PY_MAJOR_VERSION', 3],
    ['PY_MINOR_VERSION', minor],
    ['PY_VERSION_HEX', hex],
  ];
}

/**
 * CPython 3.14 built with --disable-gil, what a free-threaded user imports the module with: the
 * first and the last 3.14 release (3.14.0 final, not its alphas, whose shims pythoncapi_compat.h
 * still carries), so a guard on a bug-fix release (`>= 0x030E0100`) counts.
 */
export const FREE_THREADED: Scenario[] = [0x030e00f0, 0x030efff0].map((hex) => ({
  name: 'free-threaded CPython 3.14',
  macros: new Map<string, number | null>([
    ['Py_GIL_DISABLED', 1],
    ...GIL_MACROS_DEFINED,
    ...versionMacros(14, hex),
    ['PYPY_VERSION', null],
    // Python.h refuses the limited API in the free-threaded 3.14 build.
    ['Py_LIMITED_API', null],
  ]),
}));

/**
 * FREE_THREADED as the wheels users install are built (CPython's own CFLAGS give setuptools
 * NDEBUG; CMake and Meson set it in release mode): for the rules about what the code does when
 * it runs. Whether code compiles is asked of every build, debug builds included.
 */
export const FREE_THREADED_RELEASE: Scenario[] = FREE_THREADED.map((s) => ({ ...s, name: `${s.name}, release build`, release: true }));

/** Whether code under the guard is compiled in some of the scenarios: true if in one, false if in none. */
export function compiledInAny(guard: Guard, scenarios: readonly Scenario[]): boolean | undefined {
  let result: boolean | undefined = false;
  for (const scenario of scenarios) {
    const v = compiledIn(guard, scenario);
    if (v === true) return true;
    if (v === undefined) result = undefined;
  }
  return result;
}

/** The regular (GIL) build of 3.13 and 3.14, where PyUnstable_Module_SetGIL is not declared. */
export const DEFAULT_BUILDS: Scenario[] = [13, 14].map((minor) => ({
  name: `CPython 3.${minor} (default build)`,
  macros: new Map<string, number | null>([
    ['Py_GIL_DISABLED', null],
    ...GIL_MACROS_DEFINED,
    ...versionMacros(minor, 0x03000000 + minor * 0x10000 + 0xf0),
  ]),
}));

/** Every CPython from `minMinor` up to 3.12, which know nothing of Py_mod_gil; both ends of each minor. */
export function pythonsBefore313(minMinor: number): Scenario[] {
  const scenarios: Scenario[] = [];
  for (let minor = minMinor; minor <= 12; minor++) {
    for (const hex of [0x03000000 + minor * 0x10000, 0x03000000 + minor * 0x10000 + 0xfff0]) {
      scenarios.push({
        name: `CPython 3.${minor}`,
        macros: new Map<string, number | null>([['Py_GIL_DISABLED', null], ...GIL_MACROS_UNDEFINED, ...versionMacros(minor, hex)]),
      });
    }
  }
  return scenarios;
}

/** The regular and free-threaded builds of one CPython minor version, at both ends of its releases. */
export function buildsOf(major: number, minor: number): Scenario[] {
  const base = 0x01000000 * major + minor * 0x10000;
  return [base + 0xf0, base + 0xfff0].flatMap((hex) =>
    [1, null].map((gilDisabled) => ({
      name: `CPython ${major}.${minor}${gilDisabled ? ' (free-threaded)' : ''}`,
      macros: new Map<string, number | null>([
        ['Py_GIL_DISABLED', gilDisabled],
        ['PY_MAJOR_VERSION', major],
        ['PY_MINOR_VERSION', minor],
        ['PY_VERSION_HEX', hex],
        ['PYPY_VERSION', null],
      ]),
    })),
  );
}

/** Macros that the compiler, the platform or CPython's headers (pyconfig.h) define: not the project's own. */
const SYSTEM_MACRO = /^(?:__|_?Py|PY|_PY|_WIN|_MSC_|_M_|_DEBUG$|_POSIX_|_XOPEN_|_GNU_SOURCE$|_LP64$|_AIX$|HAVE_|SIZEOF_|WITH_|MS_WINDOWS$|WIN32$|NDEBUG$|WORDS_BIGENDIAN$)/;
/** More own macros than this in one guard and the guard is trusted without trying each setting. */
const MAX_OWN_MACROS = 4;

/** The project's own macros a guard tests, unknown to every scenario: `MY_FT_BUILD` in `!defined(MY_FT_BUILD)`. */
function ownMacros(guard: Guard, scenarios: readonly Scenario[]): string[] {
  const names = new Set<string>();
  for (const condition of guard) {
    for (const token of tokenize(condition) ?? []) {
      if (/^[A-Za-z_]\w*$/.test(token) && token !== 'defined' && !SYSTEM_MACRO.test(token) && scenarios.every((s) => macroIn(s, token) === undefined)) names.add(token);
    }
  }
  return [...names];
}

/**
 * Whether the guard can leave its code out of every scenario through the project's own macros:
 * some setting of them (each undefined, or defined as 1) makes it false in each scenario. A guard
 * on a macro of one's own that the scan cannot evaluate is trusted to do what it was written for.
 */
export function ownMacrosCanExclude(guard: Guard, scenarios: readonly Scenario[]): boolean {
  const own = ownMacros(guard, scenarios);
  if (own.length === 0) return false;
  if (own.length > MAX_OWN_MACROS) return true;
  for (let setting = 0; setting < 2 ** own.length; setting++) {
    const values = own.map((name, i): [string, number | null] => [name, setting & (1 << i) ? 1 : null]);
    if (scenarios.every((s) => compiledIn(guard, { name: s.name, macros: new Map([...s.macros, ...values]) }) === false)) return true;
  }
  return false;
}
