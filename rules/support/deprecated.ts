/** Removed and deprecated C APIs: one check over the data table in rules/tables/deprecated-apis.ts. */
import { defineRule, type Rule, type RuleDocs, type Severity } from '../../src/engine/rule.js';
import { buildsOf, compiledInAny } from '../../src/facts/guards.js';
import type { Guard, Range } from '../../src/facts/types.js';
import { comparePython, formatPythonVersion, parsePythonVersion, type PythonVersion } from '../../src/python-version.js';
import { DEPRECATED_APIS } from '../tables/deprecated-apis.js';
import { BORROWED_APIS } from './borrowed.js';

export interface DeprecatedApi {
  name: string;
  kind: 'function' | 'macro' | 'variable' | 'field' | 'type';
  status: 'removed' | 'deprecated' | 'soft-deprecated';
  deprecatedIn: string | null;
  removedIn: string | null;
  removalPlanned: string | null;
  replacement: string | null;
  /** pythoncapi_compat.h provides the replacement for older Pythons. */
  compat: boolean;
  doc: string;
  /** What the row was checked against. */
  verified: string;
}

export type Verdict = 'removed' | 'deprecated' | 'soft-deprecated';

function atOrBefore(version: string | null, target: PythonVersion): boolean {
  const v = version === null ? null : parsePythonVersion(version);
  return v !== null && comparePython(v, target) <= 0;
}

/** How a row reads for a project that builds for `target`: removal dates that target reaches count as removals. */
export function verdictFor(api: DeprecatedApi, target: PythonVersion): Verdict | null {
  if (atOrBefore(api.removedIn, target) || atOrBefore(api.removalPlanned, target)) return 'removed';
  if (api.status === 'soft-deprecated') return 'soft-deprecated';
  if (api.deprecatedIn === null || atOrBefore(api.deprecatedIn, target)) return 'deprecated';
  return null;
}

const BY_NAME = new Map(DEPRECATED_APIS.map((a) => [a.name, a]));

interface Use {
  file: string;
  name: string;
  range: Range;
  guard: Guard;
  member: boolean;
}

type MessageId = 'use';

export interface DeprecatedRuleSpec {
  id: string;
  verdict: Verdict;
  severity: Severity;
  message: string;
  docs: RuleDocs;
}

export function deprecatedApiRule(spec: DeprecatedRuleSpec): Rule<MessageId> {
  return defineRule<MessageId>({
    id: spec.id,
    category: 'deprecated-api',
    severity: spec.severity,
    precision: 'high',
    status: 'stable',
    guide: 'https://docs.python.org/3.14/whatsnew/3.14.html#c-api-changes',
    references: ['https://docs.python.org/3.14/whatsnew/3.13.html#c-api-changes', 'https://docs.python.org/3.14/deprecations/index.html'],
    replacement: 'the replacement named in each finding, from the table in rules/tables/deprecated-apis.ts',
    since: 'per API',
    compat: 'per API: pythoncapi_compat.h backports several replacements',
    verified: 'Doc/whatsnew/3.13.rst (003264fb1ed0), CPython 3.14.10 documentation and headers, 3.12.1/3.13.0 headers; each table row says what it was checked against',
    docs: spec.docs,
    messages: { use: spec.message },
    scope: 'project',
    check(project, context) {
      const target = context.options.targetPython;
      const builds = buildsOf(target.major, target.minor);
      // A project that defines the name itself (a compatibility shim) keeps it working.
      const own = new Set(project.files.flatMap((f) => [...f.functions.map((fn) => fn.name), ...f.defines.map((d) => d.name)]));
      // The borrowed-reference rules already report their APIs as deprecated; a removal is still news.
      const borrowed = new Set(BORROWED_APIS.map((a) => a.name));
      for (const facts of project.files) {
        // Most calls and names are no row of the table: a Use is made only for those that are.
        const uses: Use[] = [];
        for (const c of facts.calls) {
          if (BY_NAME.has(c.callee)) uses.push({ file: facts.file, name: c.callee, range: c.range, guard: c.guard, member: false });
        }
        for (const n of facts.nameUses) {
          if (BY_NAME.has(n.name)) uses.push({ file: facts.file, name: n.name, range: n.range, guard: n.guard, member: n.member });
        }
        for (const use of uses) {
          const api = BY_NAME.get(use.name) as DeprecatedApi;
          if ((api.kind === 'field') !== use.member || own.has(api.name)) continue;
          if (verdictFor(api, target) !== spec.verdict || compiledInAny(use.guard, builds) === false) continue;
          if (spec.verdict !== 'removed' && borrowed.has(api.name)) continue;
          const replacement = api.replacement ?? 'no direct replacement: see the documentation';
          const advice =
            api.replacement === null
              ? `it has no direct replacement (${api.doc})`
              : api.replacement.startsWith('nothing: ')
                ? api.replacement.slice('nothing: '.length)
                : `use ${api.replacement}`;
          context.report({
            messageId: 'use',
            data: {
              name: api.name,
              removed: api.removedIn ?? api.removalPlanned ?? '?',
              planned: api.removalPlanned ? `, scheduled for removal in ${api.removalPlanned}` : '',
              since: api.deprecatedIn ?? '?',
              target: formatPythonVersion(target),
              advice,
            },
            file: use.file,
            range: use.range,
            fix: `${replacement}${api.compat ? '\n(pythoncapi_compat.h provides it for older Pythons)' : ''}\nsee: ${api.doc}`,
          });
        }
      }
    },
  });
}
