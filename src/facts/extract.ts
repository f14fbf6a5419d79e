/**
 * One pass over a parsed file that records everything the rules need as plain facts.
 * The tree locates declarations, functions and calls; initialisers and guards are read from
 * the original text (see initializer.ts and conditions.ts).
 */
import type { OpaqueBlock } from '../source/opaque.js';
import type { MacroUse } from '../source/prepass.js';
import type { Directive } from '../source/scan.js';
import { parseDefine } from '../source/scan.js';
import { LineIndex } from '../source/lines.js';
import { isSpaceAt, nameBefore, namesBeforeParens } from '../source/names.js';
import { includedName } from './includes.js';
import { THREAD_SAFE_STORAGE } from './storage.js';
import type { SyntaxNode, Tree, TreeCursor } from '../source/parse.js';
import { guardIndex, type InheritedMacro, type GuardIndex } from './conditions.js';
import { partitionPoint } from './origins.js';
import { cleanText, listItems, referencedName, stringLiteral } from './initializer.js';
import type {
  AssignmentFact,
  BindingModuleFact,
  BlockMacroFact,
  CallFact,
  EntryPointFact,
  NameUseFact,
  ObjectHeaderFact,
  DefineFact,
  FileFacts,
  FunctionFact,
  ModuleDefFact,
  SlotArrayFact,
  SlotEntryFact,
  SectionExitFact,
  SlotsField,
  StaticWriteFact,
  VariableFact,
} from './types.js';

export const MODULE_DEF_FIELDS = [
  'm_base', 'm_name', 'm_doc', 'm_size', 'm_methods', 'm_slots', 'm_traverse', 'm_clear', 'm_free',
] as const;
const SLOT_FIELDS = ['slot', 'value'] as const;

interface Context {
  /** Struct member types by member name, for the members whose name is unambiguous in the file; read only for an allocation into a member, so found on the first. */
  fieldTypes: () => ReadonlyMap<string, string>;
  source: string;
  /** The parsed text with comments and string literals blanked, same length: for lexical patterns. */
  code: string;
  lines: LineIndex;
  guards: GuardIndex;
  /** The declarations of each local assigned an allocation, by function start and name, read once. */
  localDeclarations: Map<string, LocalDeclaration[]>;
}

const WRAPPING_DECLARATORS = new Set(['pointer_declarator', 'parenthesized_declarator', 'attributed_declarator']);

/** Declarators whose `declarator` field the chain follows to the declared name. */
const CHAIN = new Set([...WRAPPING_DECLARATORS, 'init_declarator', 'array_declarator', 'function_declarator']);

/** One declarator of a declaration, read with a cursor: what it wraps the name in, the name, the initialiser. */
interface Declarator {
  /** Node types from the declarator down its `declarator` fields, the name's last when it is reached. */
  chain: string[];
  name: { text: string; start: number; end: number } | null;
  value: { type: string; start: number; end: number } | null;
}

/** A declaration (or struct field) read with a cursor, so that no syntax node is made for it. */
interface Declaration {
  start: number;
  end: number;
  /** The text of its type, as written. */
  base: string | null;
  /** The type's name: a type identifier, or the tag of a struct specifier. */
  typeName: string | null;
  /** Whether the type is a struct or union specifier (with a body, maybe: fieldTypes reads it). */
  typeIsRecord: boolean;
  /** The type qualifiers and storage-class specifiers among its children, in order. */
  specifiers: { type: string; text: string }[];
  declarators: Declarator[];
}

/** The declarator under the cursor (where the cursor comes back). */
function declaratorAt(cursor: TreeCursor): Declarator {
  const found: Declarator = { chain: [], name: null, value: null };
  if (cursor.nodeType === 'init_declarator' && toField(cursor, 'value')) {
    found.value = { type: cursor.nodeType, start: cursor.startIndex, end: cursor.endIndex };
    cursor.gotoParent();
  }
  let depth = 0;
  for (;;) {
    const type = typeAt(cursor);
    found.chain.push(type);
    if (type === 'identifier' || type === 'field_identifier') {
      found.name = { text: cursor.nodeText, start: cursor.startIndex, end: cursor.endIndex };
      break;
    }
    if (!CHAIN.has(type) || !toField(cursor, 'declarator')) break;
    depth++;
  }
  up(cursor, depth);
  return found;
}

/** The declaration under the cursor (where the cursor comes back). */
function declarationAt(cursor: TreeCursor): Declaration {
  const found: Declaration = { start: cursor.startIndex, end: cursor.endIndex, base: null, typeName: null, typeIsRecord: false, specifiers: [], declarators: [] };
  let typed = false;
  if (!cursor.gotoFirstChild()) return found;
  do {
    const type = cursor.nodeType;
    const field = cursor.currentFieldName;
    if (type === 'type_qualifier' || type === 'storage_class_specifier') found.specifiers.push({ type, text: cursor.nodeText });
    if (field === 'type' && !typed) {
      typed = true;
      found.base = cursor.nodeText;
      found.typeIsRecord = /struct|union/.test(type);
      if (type === 'type_identifier') found.typeName = found.base;
      else if (type === 'struct_specifier' && toField(cursor, 'name')) {
        found.typeName = cursor.nodeText;
        cursor.gotoParent();
      }
    } else if (field === 'declarator') found.declarators.push(declaratorAt(cursor));
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return found;
}

/** The name a declarator declares, through pointers, arrays and parentheses; from under its initialiser with `initialised`. */
function declaredName(declarator: Declarator, initialised: boolean): Declarator['name'] {
  const { chain } = declarator;
  for (let i = initialised ? 1 : 0; i < chain.length; i++) {
    const type = chain[i];
    if (type === 'identifier' || type === 'field_identifier') return declarator.name;
    if (!(WRAPPING_DECLARATORS.has(type) || type === 'array_declarator' || type === 'function_declarator')) return null;
  }
  return null;
}

function hasSpecifier(declaration: Declaration, text: string): boolean {
  return declaration.specifiers.some((s) => s.type === 'storage_class_specifier' && s.text === text);
}

/**
 * The stretches of a function body after a top-level `return`; a label (or one nested in what
 * follows) ends a stretch. Only a PyUnstable_Module_SetGIL call is judged by it, so the many
 * functions that make none are not walked.
 */
function unreachableCode(fn: SyntaxNode, ctx: Context): FunctionFact['unreachable'] {
  const found: FunctionFact['unreachable'] = [];
  if (!ctx.code.slice(fn.startIndex, fn.endIndex).includes('PyUnstable_Module_SetGIL')) return found;
  let afterReturn: SyntaxNode | null = null;
  let first: SyntaxNode | null = null;
  let last: SyntaxNode | null = null;
  const close = () => {
    if (afterReturn && first && last) found.push({ afterReturn: ctx.lines.range(afterReturn.startIndex, afterReturn.endIndex), range: ctx.lines.range(first.startIndex, last.endIndex) });
    afterReturn = first = last = null;
  };
  for (const statement of fn.childForFieldName('body')?.namedChildren ?? []) {
    if (afterReturn === null) afterReturn = statement.type === 'return_statement' ? statement : null;
    else if (statement.type === 'labeled_statement' || statement.descendantsOfType('labeled_statement').length > 0) close();
    else if (statement.type !== 'comment') {
      first ??= statement;
      last = statement;
    }
  }
  close();
  return found;
}

const FUNCTION_NAMES = new Set(['identifier', 'field_identifier', 'qualified_identifier']);

/** Moves the cursor to the first child in `field`; false, and the cursor where it was, when there is none. */
function toField(cursor: TreeCursor, field: string): boolean {
  if (!cursor.gotoFirstChild()) return false;
  do if (cursor.currentFieldName === field) return true;
  while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return false;
}

/** Moves the cursor to the first named child; false, the cursor unmoved, when there is none. */
function toFirstNamed(cursor: TreeCursor): boolean {
  if (!cursor.gotoFirstChild()) return false;
  do if (cursor.nodeIsNamed) return true;
  while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return false;
}

/** The cursor's node type; read through a call, as each move changes it. */
function typeAt(cursor: TreeCursor): string {
  return cursor.nodeType;
}

/** Goes `levels` up. */
function up(cursor: TreeCursor, levels: number): void {
  for (let i = 0; i < levels; i++) cursor.gotoParent();
}

/**
 * The name a parameter declares, the cursor on the parameter_declaration; it comes back there.
 * `PyObject *Py_UNUSED(arg)` parses as a function declarator named Py_UNUSED.
 */
function parameterName(cursor: TreeCursor): string | null {
  if (!toField(cursor, 'declarator')) return null;
  const declarator = declaratorAt(cursor);
  const wrapped = declarator.chain.findIndex((type) => !WRAPPING_DECLARATORS.has(type));
  let name = declaredName(declarator, false)?.text ?? null;
  if (declarator.chain[wrapped] === 'function_declarator' && declarator.chain.length === wrapped + 2 && name === 'Py_UNUSED') {
    name = null;
    for (let i = 0; i < wrapped; i++) toField(cursor, 'declarator');
    if (toField(cursor, 'parameters')) {
      if (toFirstNamed(cursor)) {
        name = cursor.nodeText;
        cursor.gotoParent();
      }
      cursor.gotoParent();
    }
    up(cursor, wrapped);
  }
  cursor.gotoParent();
  return name;
}

/**
 * A function definition's name, parameters and storage, read with the cursor on it (where it
 * comes back); null for what is no function of a name (a C++ operator, a declarator the parser
 * could not read). `MOD_INIT(spam) { … }` parses as a function of type MOD_INIT whose
 * declarator is `(spam)`; so does `EXPORT PyMODINIT_FUNC PyInit_x(void) { … }` after an
 * unknown macro (type PyInit_x).
 */
function functionHeader(cursor: TreeCursor, code: string): FunctionHeader | null {
  const start = cursor.startIndex;
  const end = cursor.endIndex;
  let isStatic = false;
  let type: TypeSeen | null = null;
  let header: DeclaratorHeader | null = null;
  let declarators = 0;
  if (!cursor.gotoFirstChild()) return null;
  do {
    const field = cursor.currentFieldName;
    if (cursor.nodeType === 'storage_class_specifier' && cursor.nodeText === 'static') isStatic = true;
    else if (field === 'type' && type === null) type = { kind: cursor.nodeType, text: cursor.nodeText, start: cursor.startIndex, end: cursor.endIndex };
    else if (field === 'declarator' && declarators++ === 0) header = declaratorHeader(cursor, type);
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  if (header === null) return null;
  const { macroForm, ...named } = header;
  const readInside = named.name.startsWith('PyInit_') || named.macro !== null || code.slice(start, end).includes('PyUnstable_Module_SetGIL');
  return { ...named, start, end, isStatic: !macroForm && isStatic, node: readInside ? cursor.currentNode : null };
}

interface TypeSeen {
  kind: string;
  text: string;
  start: number;
  end: number;
}

type DeclaratorHeader = Pick<FunctionHeader, 'name' | 'nameStart' | 'nameEnd' | 'params' | 'macro'> & { macroForm: boolean };

/** What a function's declarator says, the cursor on it (where it comes back). */
function declaratorHeader(cursor: TreeCursor, type: TypeSeen | null): DeclaratorHeader | null {
  if (cursor.nodeType === 'parenthesized_declarator') {
    if (type?.kind !== 'type_identifier' || !toFirstNamed(cursor)) return null;
    const isIdentifier = typeAt(cursor) === 'identifier';
    const arg = cursor.nodeText;
    cursor.gotoParent();
    if (!isIdentifier) return null;
    const isInit = type.text.startsWith('PyInit_');
    return {
      name: isInit ? type.text : `${type.text}(${arg})`,
      nameStart: type.start,
      nameEnd: isInit ? type.end : cursor.endIndex,
      params: [],
      macro: isInit ? null : { name: type.text, args: [arg] },
      macroForm: true,
    };
  }
  let depth = 0;
  const fail = () => {
    up(cursor, depth);
    return null;
  };
  while (WRAPPING_DECLARATORS.has(cursor.nodeType)) {
    if (!toField(cursor, 'declarator')) return fail();
    depth++;
  }
  if (typeAt(cursor) !== 'function_declarator' || !toField(cursor, 'declarator')) return fail();
  // C++ methods: `Holder::get` defined outside the class, `get` inside it.
  const isName = FUNCTION_NAMES.has(typeAt(cursor));
  const name = cursor.nodeText;
  const nameStart = cursor.startIndex;
  const nameEnd = cursor.endIndex;
  cursor.gotoParent();
  if (!isName) return fail();
  const params: string[] = [];
  if (toField(cursor, 'parameters')) {
    if (cursor.gotoFirstChild()) {
      do {
        if (!cursor.nodeIsNamed || typeAt(cursor) !== 'parameter_declaration') continue;
        const param = parameterName(cursor);
        if (param !== null) params.push(param);
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    cursor.gotoParent();
  }
  up(cursor, depth);
  return { name, nameStart, nameEnd, params, macro: null, macroForm: false };
}

function functionFact(header: FunctionHeader, ctx: Context): FunctionFact {
  return {
    name: header.name,
    range: ctx.lines.range(header.nameStart, header.nameEnd),
    isStatic: header.isStatic,
    params: header.params,
    extent: ctx.lines.range(header.start, header.end),
    macro: header.macro,
    unreachable: header.node === null ? [] : unreachableCode(header.node, ctx),
    guard: ctx.guards.at(header.nameStart),
  };
}

function slotsField(value: string, start: number, end: number, ctx: Context): SlotsField {
  const range = ctx.lines.range(start, end);
  if (value === 'NULL' || value === 'nullptr' || value === '0' || value === '(void *)0' || value === '((void *)0)') return { kind: 'null' };
  const name = referencedName(value);
  return name === null ? { kind: 'other', text: value, range } : { kind: 'name', name, range };
}

function moduleDefFact(name: NonNullable<Declarator['name']>, open: number, isStaticDef: boolean, ctx: Context): ModuleDefFact {
  const { items } = listItems(ctx.source, open, MODULE_DEF_FIELDS);
  const nameItem = items.find((i) => i.field === 'm_name');
  const slotsItem = items.find((i) => i.field === 'm_slots');
  let moduleName: ModuleDefFact['moduleName'] = null;
  if (nameItem) {
    const literal = stringLiteral(nameItem.value);
    moduleName = literal !== null ? { literal } : { expression: nameItem.value };
  }
  return {
    name: name.text,
    range: ctx.lines.range(name.start, name.end),
    isStatic: isStaticDef,
    moduleName,
    slots: slotsItem ? slotsField(slotsItem.value, slotsItem.start, slotsItem.end, ctx) : { kind: 'absent' },
    guard: ctx.guards.at(name.start),
  };
}

function slotEntries(open: number, ctx: Context): SlotEntryFact[] {
  const entries: SlotEntryFact[] = [];
  for (const item of listItems(ctx.source, open).items) {
    const range = ctx.lines.range(item.start, item.end);
    // A macro whose body ends in a comma is followed by the next entry with no comma between:
    // `GIL_SLOT {0, NULL}` is two elements.
    const macroEnd = item.brace ?? item.end;
    for (const m of cleanText(ctx.source.slice(item.start, macroEnd)).matchAll(/([A-Za-z_]\w*)\s*(\([^)]*\))?/g)) {
      const at = ctx.source.indexOf(m[1], item.start);
      const args = m[2] === undefined ? null : listItems(m[2], 0).items.map((i) => i.text);
      entries.push({ kind: 'macro', name: m[1], args, range: ctx.lines.range(at, at + m[1].length), guard: ctx.guards.at(at) });
    }
    if (item.brace !== null) {
      const inner = listItems(ctx.source, item.brace, SLOT_FIELDS).items;
      const slot = inner.find((i) => i.field === 'slot')?.value ?? '';
      const value = inner.find((i) => i.field === 'value')?.value ?? '';
      const braceRange = ctx.lines.range(item.brace, item.end);
      entries.push({ kind: 'slot', slot, value, range: item.brace === item.start ? range : braceRange, guard: ctx.guards.at(item.brace) });
    }
  }
  return entries;
}

/** `PyObject *`, `int[]`: the declared type of one declarator, as a maintainer would write it. */
function declaredType(base: string, declarator: Declarator): string {
  let suffix = '';
  let prefix = '';
  for (const type of declarator.chain) {
    if (type === 'identifier' || type === 'field_identifier') break;
    if (type === 'pointer_declarator') prefix += '*';
    else if (type === 'array_declarator') suffix += '[]';
    else if (type === 'function_declarator') return '';
    else if (!WRAPPING_DECLARATORS.has(type) && type !== 'init_declarator') break;
  }
  return `${base}${prefix ? ` ${prefix}` : ''}${suffix}`;
}

function variableFacts(declaration: Declaration, ctx: Context, variables: VariableFact[], entryPoints: EntryPointFact[], inFunction: string | null = null): void {
  const base = declaration.base;
  if (base === null) return;
  const qualifiers = declaration.specifiers.map((s) => s.text);
  // tree-sitter-c does not know `_Thread_local`, nor the project's own spelling macros: read the words.
  for (const m of ctx.source.slice(declaration.start, declaration.end).matchAll(new RegExp(THREAD_SAFE_STORAGE.source, 'g'))) {
    if (!qualifiers.includes(m[0])) qualifiers.push(m[0]);
  }
  for (const declarator of declaration.declarators) {
    const type = declaredType(base, declarator);
    const initialised = declarator.chain[0] === 'init_declarator';
    const name = declaredName(declarator, initialised);
    if (type === '' || name === null) continue;
    variables.push({
      name: name.text,
      type,
      isStatic: hasSpecifier(declaration, 'static'),
      // `PyObject *const p` is a constant pointer; `const char *p` points at constants but can change.
      isConst: qualifiers.includes('const') && !type.includes('*'),
      qualifiers: qualifiers.filter((q) => q !== 'static' && q !== 'const'),
      inFunction,
      range: ctx.lines.range(name.start, name.end),
      guard: ctx.guards.at(name.start),
    });
    const value = initialised ? declarator.value : null;
    if (value?.type === 'initializer_list' && inFunction === null) {
      // Every identifier in a table's initialiser, its strings left out (a doc string naming `next`); the rules keep those that name functions.
      const text = ctx.code.slice(value.start, value.end);
      for (const m of cleanText(text).matchAll(/\b(?:[A-Za-z_]\w*\s*::\s*)*[A-Za-z_]\w*\b(?!\s*\()/g)) {
        entryPoints.push({ function: m[0].replace(/\s+/g, ''), table: name.text, tableType: base, range: ctx.lines.range(value.start, value.start + 1) });
      }
    }
  }
}

function declarationFacts(
  declaration: Declaration,
  ctx: Context,
  moduleDefs: ModuleDefFact[],
  slotArrays: SlotArrayFact[],
  fileScope: { variables: VariableFact[]; entryPoints: EntryPointFact[] } | null,
): void {
  const type = declaration.typeName;
  if (fileScope !== null && !hasSpecifier(declaration, 'extern')) {
    variableFacts(declaration, ctx, fileScope.variables, fileScope.entryPoints);
  }
  if (type !== 'PyModuleDef' && type !== 'PyModuleDef_Slot') return;
  for (const declarator of declaration.declarators) {
    if (declarator.chain[0] !== 'init_declarator') continue;
    const value = declarator.value;
    const name = declaredName(declarator, true);
    if (value === null || value.type !== 'initializer_list' || name === null) continue;
    if (type === 'PyModuleDef') moduleDefs.push(moduleDefFact(name, value.start, hasSpecifier(declaration, 'static'), ctx));
    else {
      slotArrays.push({
        name: name.text,
        range: ctx.lines.range(name.start, name.end),
        entries: slotEntries(value.start, ctx),
        guard: ctx.guards.at(name.start),
      });
    }
  }
}

/**
 * The variable a call's result is assigned to, read from the text before the call on its
 * line: `m = PyModule_Create(`, `PyObject *m = (PyObject *)PyModule_Create(`. Reading text
 * instead of walking up the tree keeps the per-call cost off the native binding.
 */
const OPERATOR_BEFORE_EQUALS = '=!<>+-*/%&|^';
const TARGET = /^[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*|\[[^\]]*\])*$/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * The assignment target that ends at `equals` (the offset of an `=`), read backwards:
 * `m`, `self->cache`, `st.items[0]`; null for `==`, `+=` and the like.
 */
function targetBefore(text: string, equals: number): string | null {
  if (OPERATOR_BEFORE_EQUALS.includes(text[equals - 1] ?? ' ') || text[equals + 1] === '=') return null;
  let i = equals - 1;
  while (isSpace(text[i])) i--;
  const end = i + 1;
  while (i >= 0 && /[\w.>\-[\]]/.test(text[i])) i--;
  const target = text.slice(i + 1, end).replace(/\s+/g, '');
  return TARGET.test(target) ? target : null;
}

/**
 * The variable assigned by the text that ends right before a call, read backwards over
 * white space, casts and an opening parenthesis: `m = `, `PyObject *m = (PyObject *)(`.
 */
export function assignmentBefore(text: string): string | null {
  let i = text.length - 1;
  for (;;) {
    while (isSpace(text[i])) i--;
    if (text[i] === '(') {
      i--;
    } else if (text[i] === ')') {
      const open = text.lastIndexOf('(', i);
      if (open < 0 || !/^\(\s*[A-Za-z_][\w\s]*\**\s*\)$/.test(text.slice(open, i + 1))) return null;
      i = open - 1;
    } else {
      break;
    }
  }
  return text[i] === '=' ? targetBefore(text, i) : null;
}

function assignedTo(source: string, callStart: number): string | null {
  // Bounded, so a line holding thousands of calls costs linear time; an assignment may span lines.
  return assignmentBefore(source.slice(Math.max(0, callStart - 200), callStart));
}

/** `= identifier;`: the right-hand side of a plain assignment statement; the target is read backwards. */
const ASSIGNED_IDENTIFIER = /=[ \t]*([A-Za-z_]\w*)[ \t]*;/g;

/** `= identifier =`: the middle of a chained assignment `a = b = …;`, which stores b in a too. */
const CHAINED_IDENTIFIER = /=[ \t]*([A-Za-z_]\w*)[ \t]*(?==(?!=))/g;

/** Where the expression that starts at `from` ends: a `;` or `,` outside brackets, or the bracket that closes around it. */
function expressionEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth-- === 0) return i;
    } else if ((c === ';' || c === ',') && depth === 0) return i;
  }
  return text.length;
}

function assignmentFacts(text: string, spans: FunctionSpan[], ctx: Context): AssignmentFact[] {
  const found: AssignmentFact[] = [];
  for (const m of text.matchAll(ASSIGNED_IDENTIFIER)) {
    const equals = m.index ?? 0;
    if (m[1] === 'NULL') continue;
    const inFunction = enclosingFunction(spans, equals);
    const target = inFunction === null ? null : targetBefore(text, equals);
    if (target === null) continue;
    found.push({ target, value: m[1], range: ctx.lines.range(equals, equals + m[0].length), inFunction });
  }
  // The outer store of a chain takes the inner target's new value: it is placed where the expression
  // ends, after the call or value stored, so `self->cache = cache = PyDict_New();` publishes the new dict.
  // The links of one chain (`a = b = c = 0;`) end where the one before ends, when nothing but
  // names and spaces lies between them: found once, so a chain of thousands stays linear.
  let previous = { from: -1, end: -1 };
  for (const m of text.matchAll(CHAINED_IDENTIFIER)) {
    const equals = m.index ?? 0;
    const inFunction = enclosingFunction(spans, equals);
    const target = inFunction === null ? null : targetBefore(text, equals);
    if (target === null) continue;
    const from = equals + m[0].length + 1;
    const sameEnd = previous.from >= 0 && previous.from <= from && from <= previous.end && !/[()[\]{};,]/.test(text.slice(previous.from, from));
    const end = sameEnd ? previous.end : expressionEnd(text, from);
    previous = { from, end };
    found.push({ target, value: m[1], range: ctx.lines.range(end, end + 1), inFunction });
  }
  return found;
}

interface FunctionSpan {
  name: string;
  start: number;
  end: number;
}

/** The span holding `offset`; the spans are in order and do not overlap. */
function enclosingSpan(spans: FunctionSpan[], offset: number): FunctionSpan | null {
  const span = spans[partitionPoint(spans, (s) => s.end <= offset)];
  return span !== undefined && span.start <= offset ? span : null;
}

function enclosingFunction(spans: FunctionSpan[], offset: number): string | null {
  return enclosingSpan(spans, offset)?.name ?? null;
}

const CALLEE_AT = /[A-Za-z_]\w*/y;

/** Calls whose result type matters to the memory-domain rules: the object-domain allocators. */
export const ALLOCATORS = /^PyObject_(?:Malloc|Calloc|Realloc|MALLOC|REALLOC)$/;

interface LocalDeclaration {
  /** Where the declaration's match ends. */
  end: number;
  type: string;
}

/**
 * The declarations of the local `name` in `source` between `from` and `to`, in order:
 * `char *buf = `, `PyObject **items;`, `double *xs, *ys;` → `char *`, `PyObject **`, `double *`.
 */
function localDeclarations(source: string, name: string, from: number, to: number): LocalDeclaration[] {
  const declaration = new RegExp(
    `(?:^|[;{}(]|\\*/)\\s*((?:(?:const|volatile|unsigned|signed|struct|enum|static)\\s+)*[A-Za-z_]\\w*)\\s*((?:\\*\\s*)*)(?:[A-Za-z_]\\w*\\s*(?:=[^,;]*)?,\\s*\\**\\s*)*\\b${name}\\s*(?:[=;,\\[)])`,
    'g',
  );
  const found: LocalDeclaration[] = [];
  for (const m of source.slice(from, to).matchAll(declaration)) {
    if (STATEMENT_WORDS.has(m[1]) || m[1] === name) continue;
    found.push({ end: from + (m.index ?? 0) + m[0].length, type: `${m[1].replace(/\s+/g, ' ')} ${m[2].replace(/\s+/g, '')}`.trim() });
  }
  return found;
}

/**
 * The declared type of the local `name` assigned at `at`: its last declaration before `at` in
 * its function, whose declarations of the name are read once for all its assignments (a
 * function of thousands of allocations stays linear); within 4000 characters outside functions.
 */
function declaredTypeBefore(ctx: Context, spans: FunctionSpan[], name: string, at: number): string | null {
  const span = enclosingSpan(spans, at);
  let declarations: LocalDeclaration[];
  if (span === null) {
    declarations = localDeclarations(ctx.code, name, Math.max(0, at - 4000), at);
  } else {
    const key = `${span.start}\0${name}`;
    declarations = ctx.localDeclarations.get(key) ?? localDeclarations(ctx.code, name, span.start, span.end);
    ctx.localDeclarations.set(key, declarations);
  }
  let type: string | null = null;
  for (const d of declarations) {
    if (d.end > at) break;
    type = d.type;
  }
  return type;
}

export interface Region {
  kind: 'critical-section' | 'allow-threads' | 'reattached';
  objects: string[];
  start: number;
  end: number;
}

/**
 * For each offset of `froms` (in order), the offset of the `}` that closes the brace block
 * holding it, or the text's length: one pass however many there are. Comments and literals are
 * not skipped: a bound, not a parse.
 */
export function enclosingBlockEnds(source: string, froms: readonly number[]): number[] {
  const ends = froms.map(() => source.length);
  // The offsets waiting for each open brace; the bottom list for those no brace holds, which the next unmatched `}` closes.
  const waiting: number[][] = [[]];
  let next = 0;
  let open = froms.length;
  for (let i = 0; i < source.length && open > 0; i++) {
    while (next < froms.length && froms[next] <= i) waiting[waiting.length - 1].push(next++);
    const c = source.charCodeAt(i);
    if (c === 123 /* { */) waiting.push([]);
    else if (c === 125 /* } */) {
      const closed = waiting.length > 1 ? (waiting.pop() as number[]) : waiting[0].splice(0);
      for (const k of closed) ends[k] = i;
      open -= closed.length;
    }
  }
  return ends;
}

/**
 * Pairs BEGIN and END macros in source order; an unpaired BEGIN opens no region. Inside an
 * allow-threads block, `Py_BLOCK_THREADS` re-attaches the thread until `Py_UNBLOCK_THREADS`
 * or the end of its own brace block (often a `Py_BLOCK_THREADS; return NULL;` error branch).
 */
function regions(uses: readonly MacroUse[], source: string): Region[] {
  const found: Region[] = [];
  const open: Record<'critical-section' | 'allow-threads', MacroUse[]> = { 'critical-section': [], 'allow-threads': [] };
  const blocks: MacroUse[] = [];
  for (const use of uses) {
    if (use.name === 'Py_BLOCK_THREADS' || use.name === 'Py_UNBLOCK_THREADS') {
      blocks.push(use);
      continue;
    }
    const kind = use.family ?? null;
    if (kind === null) continue;
    if (use.action === 'block-begin') open[kind].push(use);
    else if (use.action === 'block-end') {
      const begin = open[kind].pop();
      if (!begin) continue;
      const objects = begin.args === null ? [] : listItems(`(${begin.args})`, 0).items.map((i) => i.text);
      found.push({ kind, objects, start: begin.start, end: use.end });
    }
  }
  // From the last back, the next Py_UNBLOCK_THREADS of each: many of them stay linear.
  const blockEnds = blocks.length === 0 ? [] : enclosingBlockEnds(source, blocks.map((use) => use.end));
  let unblock = source.length;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const use = blocks[i];
    if (use.name === 'Py_UNBLOCK_THREADS') unblock = use.start;
    else found.push({ kind: 'reattached', objects: [], start: use.start, end: Math.min(blockEnds[i], unblock) });
  }
  return found.sort((a, b) => a.start - b.start);
}

function blockMacroFacts(uses: readonly MacroUse[], spans: FunctionSpan[], ctx: Context): BlockMacroFact[] {
  const facts: BlockMacroFact[] = [];
  for (const use of uses) {
    const family = use.family ?? null;
    if (family === null || (use.action !== 'block-begin' && use.action !== 'block-end')) continue;
    facts.push({
      name: use.name,
      family,
      role: use.action === 'block-begin' ? 'begin' : 'end',
      objects: use.args === null || use.action === 'block-end' ? [] : listItems(`(${use.args})`, 0).items.map((i) => i.text),
      range: ctx.lines.range(use.start, use.end),
      inFunction: enclosingFunction(spans, use.start),
      guard: ctx.guards.at(use.start),
    });
  }
  return facts;
}

const EXITS = ['return_statement', 'goto_statement', 'break_statement', 'continue_statement', 'expression_statement'];
/** Python macros that expand to a `return`. */
const RETURN_MACROS = /^Py_RETURN_(?:NONE|TRUE|FALSE|NOTIMPLEMENTED|RICHCOMPARE)\b/;
const LOOPS = new Set(['for_statement', 'while_statement', 'do_statement']);

/** Whether a jump from `node` lands outside `block`, whose labels `labels` gives. */
function leaves(node: SyntaxNode, block: SyntaxNode, labels: () => ReadonlySet<string | undefined>): boolean {
  if (node.type === 'expression_statement') return RETURN_MACROS.test(node.text);
  if (node.type === 'return_statement') return true;
  if (node.type === 'goto_statement') return !labels().has(node.childForFieldName('label')?.text);
  const targets = node.type === 'break_statement' ? (t: string) => LOOPS.has(t) || t === 'switch_statement' : (t: string) => LOOPS.has(t);
  for (let p = node.parent; p !== null && p.id !== block.id; p = p.parent) if (targets(p.type)) return false;
  return true;
}

/**
 * Jumps out of critical sections. The pre-pass turned each BEGIN into the `{` of a block, so
 * the section is the block that starts at the macro; only sections are searched, not whole files.
 */
function sectionExitFacts(root: SyntaxNode, all: Region[], spans: FunctionSpan[], ctx: Context): SectionExitFact[] {
  const exits = new Map<number, SectionExitFact>();
  for (const region of all) {
    if (region.kind !== 'critical-section') continue;
    const block = root.descendantForIndex(region.start).parent;
    if (block === null || block.type !== 'compound_statement' || block.startIndex !== region.start) continue;
    // Read once per section, on its first goto: a section of many gotos stays linear.
    let labels: Set<string | undefined> | undefined;
    const labelsIn = () => (labels ??= new Set(block.descendantsOfType('labeled_statement').map((l) => l.childForFieldName('label')?.text)));
    for (const node of block.descendantsOfType(EXITS)) {
      // With BEGIN and END in separate #ifdef blocks the tree's block can run past the END.
      if (node.startIndex >= region.end || !leaves(node, block, labelsIn)) continue;
      const existing = exits.get(node.startIndex);
      if (existing) {
        existing.objects.unshift(...region.objects);
        continue;
      }
      exits.set(node.startIndex, {
        statement: (node.type === 'expression_statement' ? node.text.replace(/\s*;?\s*$/, '').replace(/\(.*$/s, '') : node.type.replace('_statement', '')) as SectionExitFact['statement'],
        range: ctx.lines.range(node.startIndex, node.endIndex),
        inFunction: enclosingFunction(spans, node.startIndex),
        objects: [...region.objects],
        guard: ctx.guards.at(node.startIndex),
      });
    }
  }
  return [...exits.values()].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}

/**
 * `ts = PyEval_SaveThread(); … PyEval_RestoreThread(ts);` in one function detaches the thread
 * just as Py_BEGIN_ALLOW_THREADS does: the calls between them run without a thread state.
 */
function saveRestoreRegions(calls: readonly CallFact[], starts: readonly number[]): Region[] {
  const found: Region[] = [];
  // From the end back, the next restore of each function and thread-state variable: a file of many saves stays linear.
  const nextRestore = new Map<string, number>();
  const key = (fn: string | null, variable: string) => `${fn === null ? '' : `=${fn}`}\0${variable}`;
  for (let j = calls.length - 1; j >= 0; j--) {
    const c = calls[j];
    if (c.callee === 'PyEval_RestoreThread' && c.args[0] !== undefined) nextRestore.set(key(c.inFunction, c.args[0]), j);
    if (c.callee !== 'PyEval_SaveThread' || c.assignedTo === null) continue;
    const restore = nextRestore.get(key(c.inFunction, c.assignedTo));
    if (restore !== undefined) found.push({ kind: 'allow-threads', objects: [], start: starts[j], end: starts[restore] });
  }
  found.reverse();
  return found;
}

/**
 * How many regions of a list are open at increasing offsets: those that start before the offset
 * and end after it, counted from their sorted starts and ends.
 */
function openCounter(regions: readonly Region[]): (at: number) => number {
  const spans = regions.filter((r) => r.start < r.end);
  const starts = spans.map((r) => r.start).sort((a, b) => a - b);
  const ends = spans.map((r) => r.end).sort((a, b) => a - b);
  let started = 0;
  let ended = 0;
  return (at) => {
    while (started < starts.length && starts[started] < at) started++;
    while (ended < ends.length && ends[ended] <= at) ended++;
    return started - ended;
  };
}

/**
 * Attaches to each call (in source order) the regions around it, in one sweep that stays
 * linear however many regions are open at once (a thousand saves with one restore).
 */
export function placeInRegions(calls: CallFact[], starts: number[], all: Region[]): void {
  const detached = openCounter(all.filter((r) => r.kind === 'allow-threads'));
  const reattached = openCounter(all.filter((r) => r.kind === 'reattached'));
  const sections = all.filter((r) => r.kind === 'critical-section');
  // The sections begun so far, in order; one that has ended is dropped once it is the last.
  const begun: Region[] = [];
  let next = 0;
  calls.forEach((call, i) => {
    const at = starts[i];
    while (next < sections.length && sections[next].start < at) begun.push(sections[next++]);
    while (begun.length > 0 && (begun[begun.length - 1] as Region).end <= at) begun.pop();
    // Only the innermost section is sure to hold its locks: beginning an inner section may
    // suspend the outer ones, which are resumed only when the inner one ends.
    call.criticalSections = begun.length > 0 ? (begun[begun.length - 1] as Region).objects : [];
    call.allowThreads = detached(at) > 0 && reattached(at) === 0;
  });
}

/**
 * Words that a `(` can follow without making a call: statements, operators and types. The
 * tree has its own nodes for `sizeof`, `offsetof`, `_Generic`, `__asm__` and attributes.
 */
const NOT_CALLEES = new Set([
  'if', 'while', 'for', 'switch', 'return', 'case', 'else', 'do', 'goto', 'defined',
  'sizeof', 'offsetof', '_Generic', 'alignof', '_Alignof', '__alignof__', '__alignof', 'asm', '__asm__', '__asm',
  '__attribute__', '__attribute', '__declspec', '__extension__',
  'void', 'char', 'short', 'int', 'long', 'float', 'double', 'signed', 'unsigned', '_Bool', 'bool',
  'const', 'volatile', 'restrict', '__restrict', 'struct', 'union', 'enum', 'static', 'extern', 'inline', '__inline', '__inline__', 'register',
]);

/** The start of the name before the `(` at `paren`; -1 when there is none or it is a member (`o->f(`, `s.f(`): calls through pointers have no name to match a rule on. */
function callNameBefore(code: string, paren: number, from: number): number {
  const start = nameBefore(code, paren, from);
  if (start < 0) return -1;
  let before = start;
  while (before > 0 && isSpaceAt(code, before - 1)) before--;
  return code[before - 1] === '.' || (code[before - 1] === '>' && code[before - 2] === '-') ? -1 : start;
}

/**
 * Offsets of the calls by name, in source order, found in the code text (comments, literals
 * and dead branches blanked) inside the ranges the tree says may hold calls. Reading the text
 * costs a fraction of asking the native tree for every call node; going from one `(` to the
 * next, a fraction of trying every name.
 */
function callStartsIn(code: string, ranges: readonly [number, number][], directives: readonly Directive[]): number[] {
  const starts: number[] = [];
  let d = 0;
  for (const [from, to] of ranges) {
    for (let paren = code.indexOf('(', from); paren !== -1; paren = code.indexOf('(', paren + 1)) {
      const start = callNameBefore(code, paren, from);
      if (start < 0) {
        if (paren >= to) break;
        continue;
      }
      if (start >= to) break;
      if (NOT_CALLEES.has(code.slice(start, paren).trimEnd())) continue;
      while (d < directives.length && directives[d].end <= start) d++;
      // `#if defined(X)` and `#define F(x)` inside a function are not calls.
      if (d < directives.length && directives[d].start <= start) continue;
      starts.push(start);
    }
  }
  return starts;
}

/**
 * The scope a C++ call names before its name (`std::` in `std::next(it)`, `a::b::` in
 * `a::b::f()`), empty for an unqualified call and for the global scope (`::PyDict_GetItem(`).
 */
function qualifierBefore(code: string, start: number): string {
  let from = start;
  for (;;) {
    let colons = from;
    while (colons > 0 && isSpaceAt(code, colons - 1)) colons--;
    if (code[colons - 1] !== ':' || code[colons - 2] !== ':') break;
    const name = nameBefore(code, colons - 2);
    if (name < 0) break;
    from = name;
  }
  return from === start ? '' : code.slice(from, start).replace(/\s+/g, '');
}

function callFact(start: number, spans: FunctionSpan[], ctx: Context): CallFact {
  CALLEE_AT.lastIndex = start;
  const name = (CALLEE_AT.exec(ctx.code) as RegExpExecArray)[0];
  // `std::next(it)` is not a call of the project's `next`: a qualified call keeps its scope, as its definition does.
  const callee = qualifierBefore(ctx.code, start) + name;
  const open = ctx.code.indexOf('(', start + name.length);
  const { items, end } = listItems(ctx.source, open);
  const range = ctx.lines.range(start, end);
  const target = assignedTo(ctx.source, start);
  let assignedType: string | null = null;
  if (target !== null && ALLOCATORS.test(callee)) {
    const member = /(?:->|\.)([A-Za-z_]\w*)$/.exec(target)?.[1];
    if (member !== undefined) {
      assignedType = ctx.fieldTypes().get(member) ?? null;
    } else if (/^[A-Za-z_]\w*$/.test(target)) {
      assignedType = declaredTypeBefore(ctx, spans, target, start);
    }
  }
  return {
    callee,
    // Splitting the argument text costs far less than a syntax node per argument.
    args: items.map((a) => a.text),
    range,
    inFunction: enclosingFunction(spans, start),
    assignedTo: target,
    assignedType,
    criticalSections: [],
    allowThreads: false,
    guard: ctx.guards.at(start),
  };
}

function defineFacts(directives: readonly Directive[], ctx: Context): DefineFact[] {
  const defines: DefineFact[] = [];
  for (const directive of directives) {
    const define = parseDefine(directive);
    if (!define) continue;
    const lineEnd = ctx.source.slice(directive.start, directive.end).search(/\r?\n/);
    const end = lineEnd < 0 ? directive.end : directive.start + lineEnd;
    const start = directive.start + (ctx.source.slice(directive.start, end).length - ctx.source.slice(directive.start, end).trimStart().length);
    const calls = [...new Set(namesBeforeParens(define.body).map((n) => n.name))];
    defines.push({ ...define, calls, range: ctx.lines.range(start, end), guard: ctx.guards.at(directive.start) });
  }
  return defines;
}


const ARGUMENT = String.raw`((?:[^()]|\([^()]*\))+)`;
const HEADER_PATTERNS: [ObjectHeaderFact['kind'], RegExp][] = [
  ['refcount-compare', new RegExp(String.raw`\bPy_REFCNT\s*\(${ARGUMENT}\)\s*(==|!=|<=|>=|<|>)\s*(\d+)\b`, 'g')],
  ['refcount-compare', new RegExp(String.raw`\b(\d+)\s*(==|!=|<=|>=|<|>)\s*Py_REFCNT\s*\(${ARGUMENT}\)`, 'g')],
  ['refcount-field', /(?:->|\.)\s*ob_refcnt\b/g],
  ['header-assignment', new RegExp(String.raw`\b(Py_TYPE|Py_SIZE|Py_REFCNT)\s*\(${ARGUMENT}\)\s*=(?!=)`, 'g')],
  ['header-assignment', /(?:->|\.)\s*(ob_type|ob_size)\s*=(?!=)/g],
];

/** Python names too common to be worth a fact per use; none of them is removed or deprecated. */
const COMMON_NAMES = new Set(['PyObject', 'Py_ssize_t', 'PyTypeObject', 'PyMethodDef', 'Py_None', 'Py_True', 'Py_False', 'PY_SSIZE_T_CLEAN', 'PyModuleDef', 'PyModuleDef_HEAD_INIT', 'Py_hash_t', 'Py_buffer', 'Py_UCS4', 'Py_NotImplemented']);
/** Members of CPython structs that were removed: only these member accesses are recorded. */
const REMOVED_MEMBERS = /(?:->|\.)\s*(ma_version_tag|c_recursion_remaining|ob_shash)\b/g;

function nameUseFacts(code: string, spans: FunctionSpan[], ctx: Context): NameUseFact[] {
  const found: NameUseFact[] = [];
  const push = (name: string, start: number, member: boolean) =>
    found.push({ name, member, range: ctx.lines.range(start, start + name.length), inFunction: enclosingFunction(spans, start), guard: ctx.guards.at(start) });
  for (const m of code.matchAll(/(?<![\w.>])\b_?(?:Py|PY)[A-Za-z0-9_]*\b(?!\s*\()/g)) {
    if (!COMMON_NAMES.has(m[0])) push(m[0], m.index ?? 0, false);
  }
  for (const m of code.matchAll(REMOVED_MEMBERS)) push(m[1], (m.index ?? 0) + m[0].length - m[1].length, true);
  return found;
}

/** Whether `at` sits inside the arguments of an `assert(…)`-like macro call (looked for within 300 characters). */
function insideAssert(code: string, at: number): boolean {
  let depth = 0;
  for (let i = at - 1; i >= Math.max(0, at - 300); i--) {
    const c = code[i];
    if (c === ';' || c === '{' || c === '}') return false;
    if (c === ')') depth++;
    else if (c === '(' && depth-- === 0) {
      const callee = /([A-Za-z_]\w*)\s*$/.exec(code.slice(Math.max(0, i - 60), i))?.[1] ?? '';
      if (/assert/i.test(callee)) return true;
    }
  }
  return false;
}

const WRITE_AFTER = /^\s*(?:\[[^\]\n]*\]\s*)*(?:(?:->|\.)\s*[A-Za-z_]\w*\s*(?:\[[^\]\n]*\]\s*)*)*(?:(?:[+\-*/%&|^]|<<|>>)?=(?!=)|\+\+|--)/;

/**
 * A call that writes its first argument, open right before it: the C library's `memcpy(`,
 * `snprintf(&`, `strcpy((char *)`, and CPython's `Py_XSETREF(` and `Py_CLEAR(`, which store into it.
 */
const WRITER_BEFORE = /\b(?:mem(?:cpy|move|set)|str(?:n?cpy|n?cat|lcpy|lcat)|wcs(?:n?cpy|n?cat)|v?sn?printf|PyOS_v?snprintf|Py_X?SETREF|Py_CLEAR)\s*\(\s*(?:\(\s*[A-Za-z_][\w\s*]*\)\s*)?&?\s*$/;

const STATEMENT_WORDS = new Set(['return', 'else', 'case', 'goto', 'do', 'sizeof']);

/** Tables and type objects: written while the module is imported (PyType_Ready), not by running code. */
const TABLE_TYPES = /^(?:struct )?(?:PyMethodDef|PyMemberDef|PyGetSetDef|PyModuleDef|PyModuleDef_Slot|PyType_Slot|PyType_Spec|PyTypeObject|PyNumberMethods|PySequenceMethods|PyMappingMethods|PyBufferProcs|PyAsyncMethods|PyStructSequence_Desc|PyStructSequence_Field)\b/;

/**
 * Whether the text before a name ends like a declaration of it: `int `, `PyObject *`, or a
 * later declarator of a list, `PyObject *tmp = NULL, *` (a comma at statement level, after a type).
 */
function declaresLocal(before: string): boolean {
  const m = /([A-Za-z_]\w*)[\s*]+$/.exec(before);
  // The last word of a directive line (`#endif`, `#ifndef NDEBUG`) is no type.
  if (m !== null && /^[ \t]*#/.test(before.slice(before.lastIndexOf('\n', m.index) + 1))) return false;
  if (m !== null && !STATEMENT_WORDS.has(m[1])) return true;
  if (!/,[\s*]*$/.test(before)) return false;
  const statement = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('{'), before.lastIndexOf('}')) + 1);
  // `f(a, ` is a call's argument list; `Type *a = x, ` a declaration.
  let depth = 0;
  for (const c of statement) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  return depth === 0 && /^\s*(?:(?:const|static|volatile|unsigned|signed|struct|enum)\s+)*[A-Za-z_]\w*[\s*]+[A-Za-z_]\w*/.test(statement) && !/^\s*(?:return|else|case|goto)\b/.test(statement);
}

/**
 * Writes to the file's mutable file-scope variables inside functions, read from the code text:
 * `name = …`, `name += …`, `name++`, `++name`, `name[i] = …`, `name.field = …`, and the C
 * library calls that fill their first argument, `memcpy(name, …)`, `snprintf(name, …)`.
 */
function staticWriteFacts(
  code: string,
  variables: readonly VariableFact[],
  externs: readonly string[],
  spans: FunctionSpan[],
  all: Region[],
  ctx: Context,
): StaticWriteFact[] {
  const writable = variables.filter((v) => !v.isConst && !(TABLE_TYPES.test(v.type) && !v.type.includes('*')));
  // A global of another file counts where this file names it, unless the file has a variable of its own of that name.
  const declaredHere = new Set(variables.map((v) => v.name));
  const elsewhere = externs.filter((name) => !declaredHere.has(name));
  const names = [...writable.map((v) => v.name), ...elsewhere];
  if (names.length === 0) return [];
  // A function-scope static is visible in its own function only; its declaration is not a shadowing local.
  const ownerOf = new Map(writable.filter((v) => v.inFunction !== null).map((v) => [v.name, v.inFunction]));
  const fileScope = new Set([...writable.filter((v) => v.inFunction === null).map((v) => v.name), ...elsewhere]);
  const declaredAt = new Set(writable.filter((v) => v.inFunction !== null).map((v) => `${v.range.startLine}:${v.range.startColumn}`));
  const found: StaticWriteFact[] = [];
  const shadowed = new Set<string>();
  const pattern = new RegExp(`\\b(${[...new Set(names)].join('|')})\\b`, 'g');
  for (const match of code.matchAll(pattern)) {
    const at = match.index ?? 0;
    const previous = code[at - 1];
    if (previous === '.' || previous === '>' || (previous === ' ' && /(?:\.|->)\s+$/.test(code.slice(Math.max(0, at - 8), at)))) continue;
    const prefix = /(\+\+|--)\s*$/.exec(code.slice(Math.max(0, at - 8), at));
    const m = [match[0], prefix?.[1], match[1]] as const;
    const start = at;
    const inFunction = enclosingFunction(spans, start);
    if (inFunction === null) continue;
    if (!fileScope.has(m[2]) && ownerOf.get(m[2]) !== inFunction) continue;
    const position = ctx.lines.position(start);
    if (declaredAt.has(`${position.line}:${position.column}`)) continue;
    // `PyObject *name;` or `int name = …` declares a local that shadows the file-scope variable from here on.
    if (shadowed.has(`${inFunction}\0${m[2]}`)) continue;
    if (!m[1] && declaresLocal(code.slice(Math.max(0, start - 200), start))) {
      shadowed.add(`${inFunction}\0${m[2]}`);
      continue;
    }
    const after = WRITE_AFTER.exec(code.slice(start + m[2].length, start + m[2].length + 200));
    const before = m[1] || after ? null : WRITER_BEFORE.exec(code.slice(Math.max(0, start - 64), start));
    if (!m[1] && !after && !before) continue;
    // A buffer filled by `snprintf(name, …)` is quoted from the call.
    const from = before ? Math.max(0, start - 64) + before.index : start;
    const statementEnd = code.indexOf(';', start);
    const text = ctx.source.slice(from, statementEnd < 0 ? start + m[2].length : Math.min(statementEnd, from + 160)).replace(/\s+/g, ' ').trim();
    const storesCall = /=\s*(?:\([^()]*\)\s*)*([A-Za-z_]\w*)\s*\(/.exec(text)?.[1] ?? null;
    const sections = all.filter((r) => r.kind === 'critical-section' && r.start < start && r.end > start);
    found.push({
      name: m[2],
      text: m[1] ? `${m[1]}${text}` : text,
      storesCall,
      range: ctx.lines.range(prefix ? at - prefix[0].length : start, start + m[2].length),
      inFunction,
      criticalSections: sections.length > 0 ? sections[sections.length - 1].objects : [],
      guard: ctx.guards.at(start),
    });
  }
  return found;
}

/** Longer than this, what precedes a field access is no object expression (`a.ob_refcnt.ob_refcnt…` generated by the thousand). */
const MAX_OBJECT = 256;

/** The object expression that ends right before `at`: `o`, `self->base`, `((PyVarObject *)o)`. */
function objectBefore(code: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && isSpace(code[i])) i--;
  const limit = Math.max(0, i - MAX_OBJECT);
  while (i >= limit) {
    const c = code[i];
    if (c === ')') {
      let depth = 0;
      for (; i >= limit; i--) {
        if (code[i] === ')') depth++;
        else if (code[i] === '(' && --depth === 0) break;
      }
      i--;
    } else if (/[\w\].>[-]/.test(c)) {
      i--;
    } else {
      break;
    }
  }
  return i + 1;
}

function objectHeaderFacts(code: string, spans: FunctionSpan[], ctx: Context): ObjectHeaderFact[] {
  const found: ObjectHeaderFact[] = [];
  for (const [kind, pattern] of HEADER_PATTERNS) {
    for (const m of code.matchAll(pattern)) {
      let start = m.index ?? 0;
      let object: string;
      let detail: string;
      if (kind === 'refcount-compare') {
        const reversed = /^\d/.test(m[1]);
        object = (reversed ? m[3] : m[1]).trim();
        detail = reversed ? `${m[1]} ${m[2]}` : `${m[2]} ${m[3]}`;
      } else if (m[0].startsWith('Py_')) {
        object = m[2].trim();
        detail = m[1];
      } else {
        // A field access: the object is the expression before `->` or `.`.
        const from = objectBefore(code, start);
        object = code.slice(from, start).replace(/\s+/g, ' ').trim();
        detail = m[1] ?? 'ob_refcnt';
        start = from;
        if (object === '') continue;
      }
      const end = (m.index ?? 0) + m[0].length;
      found.push({
        kind,
        text: code.slice(start, end).replace(/\s+/g, ' ').trim(),
        object,
        detail,
        inAssert: insideAssert(code, start),
        range: ctx.lines.range(start, end),
        inFunction: enclosingFunction(spans, start),
        guard: ctx.guards.at(start),
      });
    }
  }
  return found.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}

/**
 * `static` variables declared inside functions: caches filled on first use (`static PyObject
 * *decimal = NULL;`), shared by every thread that runs the function. Found from the `static`
 * keyword in the code text, so the many ordinary locals are never visited.
 */
function functionStatics(root: SyntaxNode, spans: FunctionSpan[], ctx: Context, entryPoints: EntryPointFact[]): VariableFact[] {
  const found: VariableFact[] = [];
  for (const m of ctx.code.matchAll(/\bstatic\b/g)) {
    const at = m.index ?? 0;
    const inFunction = enclosingFunction(spans, at);
    if (inFunction === null) continue;
    let node: SyntaxNode | null = root.descendantForIndex(at);
    while (node !== null && node.type !== 'declaration' && node.type !== 'function_definition') node = node.parent;
    if (node?.type === 'declaration') variableFacts(declarationAt(node.walk()), ctx, found, entryPoints, inFunction);
  }
  return found;
}

/** `double *values;` in a struct → values: `double *`; a name declared with two types is dropped. */
function fieldTypes(records: readonly SyntaxNode[]): Map<string, string> {
  const types = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const node of records) {
    // Struct bodies only: a declaration's initialiser (a big table) is not searched.
    const body = node.type === 'struct_specifier' ? node : node.childForFieldName('type');
    if (body === null || !/struct|union/.test(body.type)) continue;
    for (const field of body.descendantsOfType('field_declaration')) {
      const { base, declarators } = declarationAt(field.walk());
      if (base === null) continue;
      for (const declarator of declarators) {
        const name = declaredName(declarator, false)?.text;
        const type = declaredType(base, declarator);
        if (name === undefined || type === '') continue;
        if (types.has(name) && types.get(name) !== type) ambiguous.add(name);
        types.set(name, type);
      }
    }
  }
  for (const name of ambiguous) types.delete(name);
  return types;
}

/**
 * Nodes that may hold file-scope declarations or functions: preprocessor blocks, extern "C",
 * error recovery, and in C++ namespaces, templates and the bodies of classes (inline methods).
 */
const CONTAINERS = new Set([
  'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef', 'linkage_specification', 'declaration_list', 'ERROR',
  'namespace_definition', 'template_declaration', 'field_declaration_list',
]);

const BINDING_MACROS = /\b(PYBIND11_MODULE|NB_MODULE)\s*\(/g;

/**
 * `PYBIND11_MODULE(name, m, py::mod_gil_not_used())` and `NB_MODULE(name, m)`, read from the
 * code text: the macros expand to the module's init function, whatever the tree makes of them.
 */
function bindingModuleFacts(code: string, directives: readonly Directive[], ctx: Context): BindingModuleFact[] {
  const found: BindingModuleFact[] = [];
  let d = 0;
  for (const m of code.matchAll(BINDING_MACROS)) {
    const at = m.index ?? 0;
    // Directives and matches are both in order: one pass over the directives for all the matches.
    while (d < directives.length && directives[d].end <= at) d++;
    if (d < directives.length && directives[d].start <= at) continue;
    const [name, , ...options] = listItems(ctx.source, at + m[0].length - 1).items.map((i) => i.text);
    if (name === undefined) continue;
    found.push({
      framework: m[1] === 'NB_MODULE' ? 'nanobind' : 'pybind11',
      name,
      options,
      range: ctx.lines.range(at, at + m[1].length),
      guard: ctx.guards.at(at),
    });
  }
  return found;
}

/** A function definition read with the cursor, before the facts' ranges and guards are added. */
interface FunctionHeader {
  name: string;
  /** Offsets of the name, or of what stands for it (`MOD_INIT(spam)`). */
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  isStatic: boolean;
  params: string[];
  macro: FunctionFact['macro'];
  /** The definition's node, made only when a fact reads inside it: an init function's local PyModuleDef, code after a `return`. */
  node: SyntaxNode | null;
}

/**
 * A file-scope item: a function, a declaration (with its node when its type is a struct or
 * union, whose members fieldTypes may read), or a type definition or struct, kept for fieldTypes.
 */
type ScopeItem =
  | { header: FunctionHeader; declaration?: undefined; record?: undefined }
  | { declaration: Declaration; record: SyntaxNode | null; header?: undefined }
  | { record: SyntaxNode; header?: undefined; declaration?: undefined };

interface FileScope {
  /**
   * File-scope function definitions, declarations, type definitions and structs, in order.
   * PyModuleDef and slot arrays live at file scope, so the many local declarations inside
   * function bodies are never visited.
   */
  items: ScopeItem[];
  /**
   * Where the tree holds expressions that may call: function bodies, initialisers of file-scope
   * declarations, and file-scope statements (`PyDoc_STRVAR(doc, "…");`). Function headers,
   * prototypes and type definitions hold declarators that look like calls and are not.
   */
  callRanges: [number, number][];
  /** Function bodies and initialiser lists, end offset by start offset: where opaque blocks must lie. */
  blocks: Map<number, number>;
}

/**
 * One walk over the file scope, through preprocessor blocks, error recovery and C++ containers.
 * It moves a cursor rather than asking nodes for their children: a syntax node costs the native
 * binding far more than a cursor step, and most of what the file scope holds (comments,
 * directives, the parts of declarations) is only looked at, so only the nodes kept are made.
 */
function fileScope(tree: Tree, code: string): FileScope {
  const scope: FileScope = { items: [], callRanges: [], blocks: new Map() };
  const cursor = tree.walk();
  /** Calls `each` on the children in `name`, the cursor on each; the cursor comes back. */
  const field = (name: string, each: (type: string) => void) => {
    if (!cursor.gotoFirstChild()) return;
    do if (cursor.currentFieldName === name) each(cursor.nodeType);
    while (cursor.gotoNextSibling());
    cursor.gotoParent();
  };
  const block = () => {
    scope.callRanges.push([cursor.startIndex, cursor.endIndex]);
    scope.blocks.set(cursor.startIndex, cursor.endIndex);
  };
  /** Reads the item at the cursor; what to walk into next: nothing, its children, or (the cursor moved there) its body's. */
  const visit = (type: string): 'none' | 'children' | 'body' => {
    switch (type) {
      case 'function_definition': {
        const header = functionHeader(cursor, code);
        if (header !== null) scope.items.push({ header });
        field('body', block);
        return 'none';
      }
      case 'declaration': {
        const declaration = declarationAt(cursor);
        scope.items.push({ declaration, record: declaration.typeIsRecord ? cursor.currentNode : null });
        field('declarator', (declarator) => {
          if (declarator !== 'init_declarator') return;
          field('value', (value) => {
            if (value === 'initializer_list') block();
            else scope.callRanges.push([cursor.startIndex, cursor.endIndex]);
          });
        });
        return 'none';
      }
      case 'type_definition':
        scope.items.push({ record: cursor.currentNode });
        return 'none';
      case 'struct_specifier':
        scope.items.push({ record: cursor.currentNode });
        return toField(cursor, 'body') ? 'body' : 'none';
      case 'union_specifier':
      case 'class_specifier':
        return toField(cursor, 'body') ? 'body' : 'none';
      case 'enum_specifier':
      case 'field_declaration':
      case 'access_specifier':
      case 'comment':
        return 'none';
      default:
        if (CONTAINERS.has(type)) return 'children';
        // A body whose header the parser could not read (an unknown macro in it) stands alone.
        if (type === 'compound_statement') block();
        else if (!type.startsWith('preproc_')) scope.callRanges.push([cursor.startIndex, cursor.endIndex]);
        return 'none';
    }
  };
  // Without recursion: 32 000 nested #ifdef make a tree that deep. Each level remembers how far
  // up its end takes the cursor (two for a body entered through its struct).
  const levels: number[] = [];
  if (cursor.gotoFirstChild()) levels.push(1);
  while (levels.length > 0) {
    if (cursor.nodeIsNamed) {
      const into = visit(cursor.nodeType);
      if (into !== 'none' && cursor.gotoFirstChild()) {
        levels.push(into === 'body' ? 2 : 1);
        continue;
      }
      if (into === 'body') cursor.gotoParent();
    }
    while (levels.length > 0 && !cursor.gotoNextSibling()) up(cursor, levels.pop() as number);
  }
  return scope;
}

/** The blocks left out of a parse that the tree does not give back as a body or an initialiser: the braces misled the cut. */
export interface Misread {
  misread: OpaqueBlock[];
}

export interface ExtractOptions {
  /** The blocks the parse left out (source/opaque.ts). */
  opaque?: readonly OpaqueBlock[];
  /** Variables the project declares `extern` (source/externs.ts): writable globals of some file, seen here through a header. */
  externs?: readonly string[];
  /** What the file's scanned headers define of the names its conditions test. */
  inherited?: readonly InheritedMacro[];
}

export function extractFacts(
  file: string, source: string, tree: Tree, directives: readonly Directive[], uses: readonly MacroUse[], code: string, options?: ExtractOptions & { opaque?: undefined },
): FileFacts;
export function extractFacts(
  file: string, source: string, tree: Tree, directives: readonly Directive[], uses: readonly MacroUse[], code: string, options: ExtractOptions,
): FileFacts | Misread;
export function extractFacts(
  file: string,
  source: string,
  tree: Tree,
  directives: readonly Directive[],
  uses: readonly MacroUse[],
  /** The text the tree was parsed from (the source after the pre-pass, same length), with comments and literals blanked: for the lexical patterns. */
  code: string,
  { opaque = [], externs = [], inherited = [] }: ExtractOptions = {},
): FileFacts | Misread {
  const functions: FunctionFact[] = [];
  const spans: FunctionSpan[] = [];
  const moduleDefs: ModuleDefFact[] = [];
  const slotArrays: SlotArrayFact[] = [];
  const variables: VariableFact[] = [];
  const entryPoints: EntryPointFact[] = [];
  const root = tree.rootNode;
  const { items, callRanges, blocks } = fileScope(tree, code);
  const misread = opaque.filter(({ start, end }) => blocks.get(start - 1) !== end + 1);
  if (misread.length > 0) return { misread };

  let types: ReadonlyMap<string, string> | undefined;
  const records = () => items.flatMap((i) => (i.record ? [i.record] : []));
  const ctx: Context = { source, code, lines: new LineIndex(source), guards: guardIndex(directives, inherited), fieldTypes: () => (types ??= fieldTypes(records())), localDeclarations: new Map() };
  for (const { header, declaration } of items) {
    if (declaration !== undefined) declarationFacts(declaration, ctx, moduleDefs, slotArrays, { variables, entryPoints });
    if (header === undefined) continue;
    const fact = functionFact(header, ctx);
    functions.push(fact);
    spans.push({ name: fact.name, start: header.start, end: header.end });
    // Some init functions declare their PyModuleDef (and slots) as static locals.
    if (header.node !== null && (fact.name.startsWith('PyInit_') || fact.macro !== null)) {
      for (const local of header.node.descendantsOfType('declaration')) declarationFacts(declarationAt(local.walk()), ctx, moduleDefs, slotArrays, null);
    }
  }
  spans.sort((a, b) => a.start - b.start);
  const callStarts = callStartsIn(ctx.code, callRanges, directives);
  const calls = callStarts.map((start) => callFact(start, spans, ctx));
  const allRegions = [...regions(uses, source), ...saveRestoreRegions(calls, callStarts)].sort((a, b) => a.start - b.start);
  placeInRegions(calls, callStarts, allRegions);
  const blockMacros = blockMacroFacts(uses, spans, ctx);
  const sectionExits = sectionExitFacts(root, allRegions, spans, ctx);
  const assignments = assignmentFacts(code, spans, ctx);
  const objectHeader = objectHeaderFacts(code, spans, ctx);
  const nameUses = nameUseFacts(code, spans, ctx);
  const statics = functionStatics(root, spans, ctx, entryPoints);
  variables.push(...statics);
  const staticWrites = staticWriteFacts(code, variables, externs, spans, allRegions, ctx);
  const bindingModules = bindingModuleFacts(code, directives, ctx);
  return { file, functions, calls, moduleDefs, slotArrays, variables, assignments, staticWrites, entryPoints, objectHeader, nameUses, blockMacros, sectionExits, ...directiveFacts(directives, ctx), bindingModules };
}

/** What the directives alone say: the file's macros and includes. */
function directiveFacts(directives: readonly Directive[], ctx: Context): Pick<FileFacts, 'defines' | 'includes' | 'deadIncludes'> {
  const includeLines = directives.filter((d) => d.keyword === 'include');
  // Dead branches are blanked in the code text, their directive lines too.
  const deadIncludes = includeLines.filter((d) => ctx.code.slice(d.start, d.end).trim() === '').map(includedName);
  return { defines: defineFacts(directives, ctx), includes: includeLines.map(includedName), deadIncludes };
}

/** Facts of a file that declares nothing: the base of the facts read without a tree. */
export function emptyFacts(file: string): FileFacts {
  return {
    file,
    functions: [],
    calls: [],
    moduleDefs: [],
    slotArrays: [],
    variables: [],
    assignments: [],
    staticWrites: [],
    entryPoints: [],
    objectHeader: [],
    nameUses: [],
    blockMacros: [],
    sectionExits: [],
    defines: [],
    includes: [],
    deadIncludes: [],
    bindingModules: [],
  };
}

/**
 * The facts of a file that is not parsed (see engine/deferral.ts): its directives' facts, and
 * nothing the tree would have given. `code` is the source with its dead branches blanked.
 */
export function unparsedFacts(file: string, source: string, directives: readonly Directive[], code: string): FileFacts {
  const ctx: Context = { source, code, lines: new LineIndex(source), guards: guardIndex(directives), fieldTypes: () => new Map(), localDeclarations: new Map() };
  return { ...emptyFacts(file), ...directiveFacts(directives, ctx) };
}
