/**
 * The borrowed-reference family: one table row per API, one check for all. A rule module
 * names its APIs and its docs; adding an API is adding a row here.
 *
 * Verified against CPython's Doc/data/refcounts.dat (3.14-dev, 00ed990), Doc/c-api/{list,dict,
 * weakref,import,cell,reflection,sequence}.rst, the Borrowed References table of
 * Doc/howto/free-threading-extensions.rst, the 3.13.0 headers, and pythoncapi_compat.h
 * (python/pythoncapi-compat f6121eb) for the backports.
 */
import { defineRule, type Report, type Rule, type RuleContext, type RuleDocs, type Severity } from '../../src/engine/rule.js';
import { compiledInAny, FREE_THREADED_RELEASE } from '../../src/facts/guards.js';
import type { ProjectFacts } from '../../src/facts/modules.js';
import { isLifecycleFunction, lastAssigningBefore, lockedByEveryCaller, originOf, sameObject } from '../../src/facts/origins.js';
import { guardedByMutex } from './mutex-guard.js';
import { whyShared } from './origin-text.js';
import type { CallFact, FileFacts } from '../../src/facts/types.js';
import { supportsPythonBefore313, HOWTO } from './module-parts.js';

const C_API = 'https://docs.python.org/3.14/c-api';

export interface BorrowedApi {
  name: string;
  /** The argument whose object owns the returned reference; null when the owner is not the caller's (sys.modules, the frame). */
  owner: number | null;
  /** What the owner is, for messages: "list", "dict"… */
  ownerKind: string;
  /** The strong-reference replacement, or null when there is none (a critical section is the fix). */
  replacement: string | null;
  /**
   * How to call it: {0}, {1}… are the call's arguments, {r} the variable for the result, {type}
   * its type and {declare} its declaration when the call is not already assigned to a variable.
   */
  usage: string;
  /** CPython version that added the replacement. */
  since: string | null;
  /** pythoncapi_compat.h provides the replacement for older Pythons. */
  compat: boolean;
  /** The replacement's reference documentation. */
  doc: string;
  /** Why the reference is unsafe, for APIs whose owner is not an argument. */
  risk?: string;
  /** The keyword-arguments dict of a call is private to it (the HOWTO's own example). */
  safeOnKeywordArguments?: boolean;
  deprecated?: string;
}

const DICT_REF = (api: string, args: string) =>
  `{declare}if (${api}(${args}, &{r}) < 0) {\n    /* error: an exception is set */\n}\n/* {r} is NULL when the key is missing; Py_XDECREF({r}) when done */`;

export const BORROWED_APIS: readonly BorrowedApi[] = [
  {
    name: 'PyList_GetItem', owner: 0, ownerKind: 'list', replacement: 'PyList_GetItemRef', since: '3.13', compat: true,
    usage: '{type}{r} = PyList_GetItemRef({0}, {1});  /* new reference, NULL with IndexError; Py_DECREF({r}) when done */',
    doc: `${C_API}/list.html#c.PyList_GetItemRef`,
  },
  {
    name: 'PyList_GET_ITEM', owner: 0, ownerKind: 'list', replacement: 'PyList_GetItemRef', since: '3.13', compat: true,
    usage: '{type}{r} = PyList_GetItemRef({0}, {1});  /* new reference, NULL with IndexError; Py_DECREF({r}) when done */',
    doc: `${C_API}/list.html#c.PyList_GetItemRef`,
  },
  {
    name: 'PyDict_GetItem', owner: 0, ownerKind: 'dict', replacement: 'PyDict_GetItemRef', since: '3.13', compat: true,
    usage: DICT_REF('PyDict_GetItemRef', '{0}, {1}'), doc: `${C_API}/dict.html#c.PyDict_GetItemRef`, safeOnKeywordArguments: true,
  },
  {
    name: 'PyDict_GetItemWithError', owner: 0, ownerKind: 'dict', replacement: 'PyDict_GetItemRef', since: '3.13', compat: true,
    usage: DICT_REF('PyDict_GetItemRef', '{0}, {1}'), doc: `${C_API}/dict.html#c.PyDict_GetItemRef`, safeOnKeywordArguments: true,
  },
  {
    name: 'PyDict_GetItemString', owner: 0, ownerKind: 'dict', replacement: 'PyDict_GetItemStringRef', since: '3.13', compat: true,
    usage: DICT_REF('PyDict_GetItemStringRef', '{0}, {1}'), doc: `${C_API}/dict.html#c.PyDict_GetItemStringRef`, safeOnKeywordArguments: true,
  },
  {
    name: '_PyDict_GetItemStringWithError', owner: 0, ownerKind: 'dict', replacement: 'PyDict_GetItemStringRef', since: '3.13', compat: true,
    usage: DICT_REF('PyDict_GetItemStringRef', '{0}, {1}'), doc: `${C_API}/dict.html#c.PyDict_GetItemStringRef`, safeOnKeywordArguments: true,
    deprecated: 'private, deprecated in 3.14 and scheduled for removal in 3.18',
  },
  {
    name: 'PyDict_SetDefault', owner: 0, ownerKind: 'dict', replacement: 'PyDict_SetDefaultRef', since: '3.13', compat: true,
    usage: `{declare}if (PyDict_SetDefaultRef({0}, {1}, {2}, &{r}) < 0) {\n    /* error: an exception is set */\n}\n/* {r} is a new reference; Py_DECREF({r}) when done */`,
    doc: `${C_API}/dict.html#c.PyDict_SetDefaultRef`,
  },
  {
    name: 'PyWeakref_GetObject', owner: null, ownerKind: 'weak reference', replacement: 'PyWeakref_GetRef', since: '3.13', compat: true,
    usage: `{declare}if (PyWeakref_GetRef({0}, &{r}) < 0) {\n    /* error: an exception is set */\n}\n/* {r} is NULL when the object is dead; Py_XDECREF({r}) when done */`,
    doc: `${C_API}/weakref.html#c.PyWeakref_GetRef`, deprecated: 'deprecated in 3.13 and removed in 3.15',
    risk: 'another thread can destroy the referent at any moment, even right after the call',
  },
  {
    name: 'PyWeakref_GET_OBJECT', owner: null, ownerKind: 'weak reference', replacement: 'PyWeakref_GetRef', since: '3.13', compat: true,
    usage: `{declare}if (PyWeakref_GetRef({0}, &{r}) < 0) {\n    /* error: an exception is set */\n}\n/* {r} is NULL when the object is dead; Py_XDECREF({r}) when done */`,
    doc: `${C_API}/weakref.html#c.PyWeakref_GetRef`, deprecated: 'deprecated in 3.13 and removed in 3.15',
    risk: 'another thread can destroy the referent at any moment, even right after the call',
  },
  {
    name: 'PyImport_AddModule', owner: null, ownerKind: 'sys.modules', replacement: 'PyImport_AddModuleRef', since: '3.13', compat: true,
    usage: '{type}{r} = PyImport_AddModuleRef({0});  /* new reference; Py_DECREF({r}) when done */',
    doc: `${C_API}/import.html#c.PyImport_AddModuleRef`,
    risk: 'another thread can replace or remove the module in sys.modules and free it',
  },
  {
    name: 'PyImport_AddModuleObject', owner: null, ownerKind: 'sys.modules', replacement: 'PyImport_AddModuleRef', since: '3.13', compat: true,
    usage: 'const char *name = PyUnicode_AsUTF8({0});\n{type}{r} = name ? PyImport_AddModuleRef(name) : NULL;  /* new reference; Py_XDECREF({r}) when done */',
    doc: `${C_API}/import.html#c.PyImport_AddModuleRef`,
    risk: 'another thread can replace or remove the module in sys.modules and free it',
  },
  {
    name: 'PyCell_GET', owner: 0, ownerKind: 'cell', replacement: 'PyCell_Get', since: null, compat: false,
    usage: '{type}{r} = PyCell_Get({0});  /* new reference; Py_XDECREF({r}) when done */',
    doc: `${C_API}/cell.html#c.PyCell_Get`,
  },
  {
    name: 'PyEval_GetGlobals', owner: null, ownerKind: 'current frame', replacement: 'PyEval_GetFrameGlobals', since: '3.13', compat: false,
    usage: '{type}{r} = PyEval_GetFrameGlobals();  /* new reference, NULL without a frame; Py_XDECREF({r}) when done */',
    doc: `${C_API}/reflection.html#c.PyEval_GetFrameGlobals`, deprecated: 'deprecated in 3.13',
    risk: 'the dict belongs to the running frame; the replacement returns a strong reference and is the supported API',
  },
  {
    name: 'PyEval_GetLocals', owner: null, ownerKind: 'current frame', replacement: 'PyEval_GetFrameLocals', since: '3.13', compat: false,
    usage: '{type}{r} = PyEval_GetFrameLocals();  /* new reference (a snapshot, like locals()); Py_XDECREF({r}) when done */',
    doc: `${C_API}/reflection.html#c.PyEval_GetFrameLocals`, deprecated: 'deprecated in 3.13',
    risk: 'the dict belongs to the running frame; the replacement returns a strong reference and is the supported API',
  },
  {
    name: 'PyEval_GetBuiltins', owner: null, ownerKind: 'current frame', replacement: 'PyEval_GetFrameBuiltins', since: '3.13', compat: false,
    usage: '{type}{r} = PyEval_GetFrameBuiltins();  /* new reference; Py_XDECREF({r}) when done */',
    doc: `${C_API}/reflection.html#c.PyEval_GetFrameBuiltins`, deprecated: 'deprecated in 3.13',
    risk: 'the dict belongs to the running frame; the replacement returns a strong reference and is the supported API',
  },
  {
    name: 'PySequence_Fast_GET_ITEM', owner: 0, ownerKind: 'sequence', replacement: null, since: null, compat: false,
    usage: 'Py_BEGIN_CRITICAL_SECTION({container});\n/* read the items here; Py_NewRef any item used after the section */\nPy_END_CRITICAL_SECTION();\nor take a private copy with PySequence_Tuple() instead of PySequence_Fast().',
    doc: `${HOWTO}#critical-sections`,
  },
  {
    name: 'PySequence_Fast_ITEMS', owner: 0, ownerKind: 'sequence', replacement: null, since: null, compat: false,
    usage: 'Py_BEGIN_CRITICAL_SECTION({container});\n/* use the items array here: a resize of the list moves it */\nPy_END_CRITICAL_SECTION();\nor take a private copy with PySequence_Tuple() instead of PySequence_Fast().',
    doc: `${HOWTO}#critical-sections`,
  },
];

const BY_NAME = new Map(BORROWED_APIS.map((a) => [a.name, a]));
const BORROWED_NAMES: ReadonlySet<string> = new Set(BY_NAME.keys());

type MessageId = 'shared' | 'unowned';

function fill(template: string, call: CallFact, container: string): string {
  const assigned = call.assignedTo !== null && /^[A-Za-z_]\w*$/.test(call.assignedTo);
  const result = assigned ? (call.assignedTo as string) : 'item';
  return template
    .replace(/\{type\}/g, assigned ? '' : 'PyObject *')
    .replace(/\{declare\}/g, assigned ? '' : `PyObject *${result};\n`)
    .replace(/\{r\}/g, result)
    .replace(/\{container\}/g, container)
    .replace(/\{(\d)\}/g, (_, i: string) => call.args[Number(i)] ?? '…');
}

function versionNote(api: BorrowedApi, minPythonBefore313: boolean, includesCompat: boolean): string {
  if (api.replacement === null || api.since === null || !minPythonBefore313) return '';
  if (!api.compat) return `\n${api.replacement} is new in CPython ${api.since}: keep the old call under #if PY_VERSION_HEX < 0x030D0000 for older Pythons.`;
  return includesCompat
    ? `\n${api.replacement} is new in CPython ${api.since}; pythoncapi_compat.h, which the project includes, provides it for older Pythons.`
    : `\n${api.replacement} is new in CPython ${api.since}; include pythoncapi_compat.h (python/pythoncapi-compat) to use it on older Pythons.`;
}

/** For PySequence_Fast_* the owner is the object PySequence_Fast was given, a list shared or not. */
function sequenceOwner(seq: string, call: CallFact, facts: FileFacts): string {
  return lastAssigningBefore(facts, call, seq, (c) => c.callee === 'PySequence_Fast')?.args[0] ?? seq;
}

function checkCall(call: CallFact, facts: FileFacts, project: ProjectFacts, context: RuleContext<MessageId>, includesCompat: boolean): void {
  const api = BY_NAME.get(call.callee);
  if (api === undefined || compiledInAny(call.guard, FREE_THREADED_RELEASE) === false) return;
  const before313 = supportsPythonBefore313(context.options.minPython);
  let container = api.owner === null ? '' : (call.args[api.owner] ?? '');
  if (api.ownerKind === 'sequence') container = sequenceOwner(container, call, facts);
  const data = {
    api: api.name,
    kind: api.ownerKind,
    container,
    replacement: api.replacement ?? 'a critical section',
    deprecated: api.deprecated ? ` (${api.deprecated})` : '',
    via: call.viaMacro ? ` (through the macro ${call.viaMacro})` : '',
  };
  const report: Report<MessageId> = { messageId: 'unowned', data: { ...data, why: '', risk: api.risk ?? '' }, file: facts.file, range: call.range };
  if (api.owner !== null) {
    const locked = new Set(call.criticalSections.map(sameObject));
    if (locked.has(sameObject(container)) || locked.has(sameObject(call.args[api.owner] ?? ''))) return;
    if (isLifecycleFunction(call.inFunction, facts)) return;
    const origin = originOf(container, call, facts);
    if (origin.kind === 'fresh') return;
    if (origin.kind === 'parameter' && lockedByEveryCaller(call.inFunction, origin.name, facts)) return;
    if (origin.kind === 'file-scope' && guardedByMutex(call, origin.name, facts, project)) return;
    // The args tuple of a METH_VARARGS function: PySequence_Fast returns the tuple itself, immutable.
    if (api.ownerKind === 'sequence' && origin.kind === 'parameter' && origin.name === 'args') return;
    if (origin.kind === 'keyword-arguments' && api.safeOnKeywordArguments) return;
    report.messageId = 'shared';
    report.data.why = whyShared(origin, call.inFunction);
  }
  report.fix = fill(api.usage, call, container) + versionNote(api, before313, includesCompat);
  context.report(report);
}

const MESSAGES: Record<MessageId, string> = {
  shared:
    '{{api}}{{deprecated}}{{via}} returns a borrowed reference into the {{kind}} {{why}}: without the GIL another thread can remove the item and free it while this code still uses it; use {{replacement}}',
  unowned: '{{api}}{{deprecated}}{{via}} returns a borrowed reference: {{risk}}; use {{replacement}}',
};

/** Only the messages a rule's APIs can produce: `shared` needs an owner argument, `unowned` its absence. */
function messagesFor(apis: readonly BorrowedApi[]): Record<MessageId, string> {
  const messages: Partial<Record<MessageId, string>> = {};
  if (apis.some((a) => a.owner !== null)) messages.shared = MESSAGES.shared;
  if (apis.some((a) => a.owner === null)) messages.unowned = MESSAGES.unowned;
  return messages as Record<MessageId, string>;
}

export interface BorrowedRuleSpec {
  id: string;
  apis: string[];
  severity: Severity;
  guide: string;
  docs: RuleDocs;
  replacement: string;
  since: string;
  compat: string;
}

/** What the family's checks cannot see, for the rules whose APIs have an owner argument. */
const OWNER_KNOWN_PROBLEMS =
  'A lock other than a critical section on the container (a PyMutex, a lock macro of the project) silences a finding only for a file-scope container ' +
  'whose every use in the scan is an in-place call (PyDict_*, PyList_*, …) made under that lock wherever Python can run it, when the result is used ' +
  'only before the unlock or made strong first (Py_INCREF, Py_NewRef); a use of the result after the unlock that is neither a call nor an assignment ' +
  '(`return v;`) is not seen. A container in an object field guarded by a mutex of that object is still reported.';

export function borrowedReferenceRule(spec: BorrowedRuleSpec): Rule<MessageId> {
  const apis = new Set(spec.apis);
  for (const name of apis) if (!BY_NAME.has(name)) throw new Error(`${spec.id}: ${name} has no row in BORROWED_APIS`);
  const owned = spec.apis.some((a) => BY_NAME.get(a)?.owner !== null);
  return defineRule<MessageId>({
    id: spec.id,
    category: 'borrowed-reference',
    severity: spec.severity,
    precision: 'medium',
    status: 'stable',
    guide: spec.guide,
    references: spec.apis.map((a) => BY_NAME.get(a)?.doc ?? '').filter((d, i, all) => all.indexOf(d) === i),
    replacement: spec.replacement,
    since: spec.since,
    compat: spec.compat,
    verified: 'Doc/data/refcounts.dat and Doc/c-api/*.rst (3.14), Doc/howto/free-threading-extensions.rst, CPython 3.13.0 headers, pythoncapi_compat.h f6121eb',
    docs: owned ? { ...spec.docs, knownProblems: [spec.docs.knownProblems, OWNER_KNOWN_PROBLEMS].filter(Boolean).join(' ') } : spec.docs,
    messages: messagesFor(spec.apis.map((a) => BY_NAME.get(a) as BorrowedApi)),
    scope: 'project',
    check(project: ProjectFacts, context: RuleContext<MessageId>) {
      const includesCompat = project.files.some((f) => f.includes.some((i) => i.endsWith('pythoncapi_compat.h')));
      // Calls written out, and calls made through the project's macros at the places they are used;
      // a macro definition on its own is not a finding.
      for (const facts of project.files) {
        for (const calls of [facts.calls, project.macroCalls(facts, BORROWED_NAMES)]) {
          for (const call of calls) if (apis.has(call.callee)) checkCall(call, facts, project, context, includesCompat);
        }
      }
    },
  });
}
