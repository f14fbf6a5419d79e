/**
 * `cext-audit fix --declare`: the declaration of free-threading support, written into the
 * sources of the modules that are ready for it and for nothing else. A module qualifies only
 * when its verdict is `not-declared` and no error or warning of any other rule is left in its
 * files: declaring Py_MOD_GIL_NOT_USED on code that is not yet safe is worse than no
 * declaration, since the interpreter then trusts it. Each edit is an insertion of whole lines
 * (or of one option), computed from the facts; nothing here writes files.
 */
import { requirementNote, type BindingModule } from '../facts/bindings.js';
import type { ModuleFact } from '../facts/modules.js';
import type { Range } from '../facts/types.js';
import { LineIndex } from '../source/lines.js';
import type { ModuleReadiness } from '../engine/readiness.js';
import type { PythonVersion } from '../python-version.js';
import { gilSlotLines, setGilLines } from './declaration-text.js';

export interface Insertion {
  /** UTF-16 offset into the file's text. */
  offset: number;
  text: string;
}

export type DeclarationFix =
  /** `note`: what else the build needs (a higher floor for the binding framework). */
  | { module: string; file: string; insertions: Insertion[]; note?: string }
  | { module: string; file: string; skipped: string };

export interface FixInput {
  readiness: readonly ModuleReadiness[];
  modules: readonly ModuleFact[];
  bindings: readonly BindingModule[];
  minPython: PythonVersion;
  /** A file's text; null when it cannot be read. */
  source(file: string): string | null;
}

function offsetOf(text: string, line: number, column: number): number {
  return (new LineIndex(text).starts[line - 1] ?? text.length) + column - 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))?.[0] ?? '';
}

/** The guarded slot entry, on lines of its own before the `{0, NULL}` terminator. */
function slotEntry(module: ModuleFact, text: string, minPython: PythonVersion): Insertion | string {
  const array = module.slotArray;
  if (array === null) return 'it has no slot array: add one with the Py_mod_gil slot by hand';
  const terminator = array.fact.entries.find((e) => e.kind === 'slot' && e.slot === '0');
  if (terminator === undefined) return `slot array ${array.fact.name} has no {0, NULL} terminator to insert before`;
  const at = offsetOf(text, terminator.range.startLine, terminator.range.startColumn);
  if (text.slice(lineStart(text, at), at).trim() !== '') return `the terminator of ${array.fact.name} shares its line with other entries`;
  return { offset: lineStart(text, at), text: `${gilSlotLines(minPython, indentAt(text, at))}\n` };
}

/** The guarded PyUnstable_Module_SetGIL call, before the init function's `return m;`. */
function setGilCall(module: ModuleFact, text: string): Insertion | string {
  const creation = module.creation;
  const variable = creation?.fact.assignedTo ?? null;
  if (creation === null || variable === null || !/^[A-Za-z_]\w*$/.test(variable)) {
    return 'its init function returns the created module directly: store it in a variable first';
  }
  const from = offsetOf(text, creation.fact.range.endLine, creation.fact.range.endColumn);
  const end = module.init === null ? text.length : offsetOf(text, module.init.fact.extent.endLine, module.init.fact.extent.endColumn);
  const returns = new RegExp(`^[ \\t]*return\\s+${variable}\\s*;`, 'm');
  const found = returns.exec(text.slice(from, end));
  if (found === null) return `no \`return ${variable};\` follows the creation of the module`;
  const at = from + found.index;
  const checked = new RegExp(`\\bif\\s*\\(\\s*(?:!\\s*${variable}\\b|${variable}\\s*==\\s*NULL\\b|NULL\\s*==\\s*${variable}\\b)`).test(text.slice(from, at));
  return { offset: at, text: `${setGilLines(variable, indentAt(text, at + 1), checked)}\n` };
}

/** A `#!` line, or an encoding declaration as PEP 263 reads it, which Cython too looks for in the first two lines only. */
const FIRST_LINES = /^(?:#!.*|[ \t\f]*#.*?coding[:=][ \t]*[-_.a-zA-Z0-9]+.*)(?:\r?\n|$)/;

/** `# cython: freethreading_compatible=True` as the first line of the header, after a `#!` line and an encoding declaration. */
function cythonDirective(text: string): Insertion {
  let offset = 0;
  for (let line = 0; line < 2; line++) {
    const kept = FIRST_LINES.exec(text.slice(offset));
    if (kept === null) break;
    offset += kept[0].length;
  }
  const newline = offset > 0 && !text.slice(0, offset).endsWith('\n') ? '\n' : '';
  return { offset, text: `${newline}# cython: freethreading_compatible=True\n` };
}

/** `, py::mod_gil_not_used()` before the `)` that closes the PYBIND11_MODULE arguments; `pybind11::` without the usual alias. */
function pybind11Option(range: Range, text: string): Insertion | string {
  const open = text.indexOf('(', offsetOf(text, range.startLine, range.startColumn));
  const namespace = /\bnamespace\s+py\s*=\s*(?:::)?pybind11\s*;/.test(text) ? 'py' : 'pybind11';
  let depth = 0;
  for (let i = open; i >= 0 && i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return { offset: i, text: `, ${namespace}::mod_gil_not_used()` };
  }
  return 'the arguments of PYBIND11_MODULE could not be read';
}

/** `FREE_THREADED` after the target name of nanobind_add_module. */
function nanobindOption(module: BindingModule, source: (file: string) => string | null): { file: string; insertion: Insertion } | string {
  const target = module.target;
  if (target === null) return 'its nanobind_add_module call was not found';
  const text = source(target.file);
  if (text === null) return `${target.file} cannot be read`;
  const call = offsetOf(text, target.range.startLine, target.range.startColumn);
  const name = /nanobind_add_module\s*\(\s*("?[^\s")]+"?)/.exec(text.slice(call));
  if (name === null) return 'the target of nanobind_add_module could not be read';
  return { file: target.file, insertion: { offset: call + name.index + name[0].length, text: ' FREE_THREADED' } };
}

function bindingFix(module: BindingModule, input: FixInput): DeclarationFix {
  const text = input.source(module.file);
  if (text === null) return { module: module.name, file: module.file, skipped: `${module.file} cannot be read` };
  const note = requirementNote(module);
  // A declaration the required framework cannot compile would break every build.
  if (note !== null && module.requirement?.verdict === 'excludes') return { module: module.name, file: module.file, skipped: note };
  const noted = note === null ? {} : { note };
  if (module.framework === 'nanobind') {
    const fix = nanobindOption(module, input.source);
    return typeof fix === 'string' ? { module: module.name, file: module.file, skipped: fix } : { module: module.name, file: fix.file, insertions: [fix.insertion], ...noted };
  }
  const insertion = module.framework === 'cython' ? cythonDirective(text) : pybind11Option(module.range, text);
  return typeof insertion === 'string' ? { module: module.name, file: module.file, skipped: insertion } : { module: module.name, file: module.file, insertions: [insertion], ...noted };
}

function moduleFix(module: ModuleFact, input: FixInput): DeclarationFix {
  const part = module.initStyle === 'single-phase' ? module.init : module.slotArray;
  const file = part?.file ?? module.def?.file ?? '';
  const text = part === null ? null : input.source(part.file);
  if (part === null || text === null) {
    return { module: module.name, file, skipped: module.initStyle === 'single-phase' ? 'its init function was not found' : 'it has no slot array: add one with the Py_mod_gil slot by hand' };
  }
  const insertion = module.initStyle === 'single-phase' ? setGilCall(module, text) : slotEntry(module, text, input.minPython);
  return typeof insertion === 'string' ? { module: module.name, file, skipped: insertion } : { module: module.name, file, insertions: [insertion] };
}

/** Why a module is not declared by the fix, or null when it may be. */
export function refusal(line: ModuleReadiness): string | null {
  if (line.verdict !== 'not-declared') return `its verdict is ${line.verdict}`;
  const open = line.codeFindings.error + line.codeFindings.warning;
  return open > 0 ? `${open} error(s) and warning(s) are still open in its files: fix them first` : null;
}

export function declarationFixes(input: FixInput): DeclarationFix[] {
  const fixes: DeclarationFix[] = [];
  for (const line of input.readiness) {
    if (line.declared !== 'no') continue;
    const refused = refusal(line);
    if (refused !== null) {
      fixes.push({ module: line.name, file: line.file, skipped: refused });
      continue;
    }
    const c = input.modules.find((m) => m.name === line.name && (m.init ?? m.def)?.file === line.file);
    const b = input.bindings.find((m) => m.name === line.name && m.file === line.file);
    if (c !== undefined) fixes.push(moduleFix(c, input));
    else if (b !== undefined) fixes.push(bindingFix(b, input));
  }
  return fixes;
}

/** The text with the insertions applied (offsets refer to the original text). */
export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  let out = text;
  for (const insertion of [...insertions].sort((a, b) => b.offset - a.offset)) out = out.slice(0, insertion.offset) + insertion.text + out.slice(insertion.offset);
  return out;
}
