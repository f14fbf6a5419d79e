/**
 * The shape of a rule: metadata first (the single source for `explain`, the README table and
 * every output format), the check last. A check is a function of facts, never of a tree.
 */
import type { MinPython, PythonVersion } from '../python-version.js';
import type { ProjectFacts } from '../facts/modules.js';
import type { FileFacts, Range } from '../facts/types.js';

export type Severity = 'error' | 'warning' | 'note';
/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export type Category = 'module-declaration' | 'borrowed-reference' | 'critical-section' | 'thread-state' | 'refcount' | 'limited-api' | 'global-state' | 'memory' | 'deprecated-api' | 'packaging';
export const CATEGORIES: readonly Category[] = ['module-declaration', 'borrowed-reference', 'critical-section', 'thread-state', 'refcount', 'limited-api', 'global-state', 'memory', 'deprecated-api', 'packaging'];

export interface RuleDocs {
  /** What it does: one sentence. */
  what: string;
  /** Why is this bad? */
  why: string;
  /** Code that triggers the rule (a whole small file, run through the engine by a test). */
  example: string;
  /** The fixed code, which must not trigger it. */
  useInstead: string;
  /** The file name the examples are written as (default `example.c`); `setup.py` for build-file rules. */
  exampleFile?: string;
  /** Other files of the example project, the same for both examples: a rule that judges a whole project needs them. */
  exampleContext?: Record<string, string>;
  knownProblems?: string;
}

export interface RuleMeta<M extends string> {
  /** Kebab-case, stable forever; equals the module's file name. */
  id: string;
  category: Category;
  severity: Severity;
  /** How often a finding is real. */
  precision: Precision;
  status: 'stable' | 'preview';
  /** URL with anchor of the CPython 3.14 documentation section the rule enforces. */
  guide: string;
  references: string[];
  /** The API or construct to use instead, and the CPython version that introduced it. */
  replacement: string;
  since: string;
  /** Whether pythoncapi_compat.h backports the replacement. */
  compat: string;
  /** Where the facts behind the rule were checked. */
  verified: string;
  docs: RuleDocs;
  /** Message templates by id; `{{name}}` is filled from the report's data. */
  messages: Record<M, string>;
}

export interface RuleOptions {
  /** The oldest Python the project supports (`--min-python`, `requires-python`, `python_requires`), or the assumed default. */
  minPython: MinPython;
  /** The newest Python the project builds for (`--target-python`, default 3.14): removals up to it are errors. */
  targetPython: PythonVersion;
}

export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface Report<M extends string> {
  messageId: M;
  data: Record<string, string>;
  file: string;
  range: Range;
  /** The exact lines to add or change. */
  fix?: string;
  related?: RelatedLocation[];
}

export interface RuleContext<M extends string> {
  options: RuleOptions;
  report(report: Report<M>): void;
}

export type Rule<M extends string = string> = RuleMeta<M> &
  (
    | { scope: 'file'; check(facts: FileFacts, context: RuleContext<M>): void }
    | { scope: 'project'; check(project: ProjectFacts, context: RuleContext<M>): void }
  );

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return Object.freeze(rule);
}

export type Precision = 'high' | 'medium' | 'low';

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** How often the rule's findings are real, from its metadata. */
  precision: Precision;
  file: string;
  range: Range;
  messageId: string;
  message: string;
  fix: string | null;
  guide: string;
  related: RelatedLocation[];
}

/** `CPython 3.13` for a CPython version, the tool's own name otherwise (`pybind11 2.13`). */
export function sinceText(rule: Pick<RuleMeta<string>, 'since'>): string {
  return /^\d/.test(rule.since) ? `CPython ${rule.since}` : rule.since;
}

export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => data[key] ?? `{{${key}}}`);
}
