/**
 * The Markdown report (`--format markdown`, for a pull-request comment) and what is appended to
 * `$GITHUB_STEP_SUMMARY`: the job page shows it whole, so it carries what annotations cannot
 * (they are capped per step): the verdict per module, counts by rule, and the most severe
 * findings with the guide link for each.
 */
import { SEVERITIES, type Finding, type Rule } from '../engine/rule.js';
import type { Verdict } from '../engine/readiness.js';
import type { AuditResult } from '../engine/runner.js';
import { printable } from './printable.js';
import { countBySeverity, describeCounts } from './summary.js';

export const MARKDOWN_FINDINGS = 20;

const DECLARED = { yes: 'yes', no: '**no**', 'keeps-gil': 'keeps the GIL', unknown: 'unknown' } as const;
const VERDICT: Record<Verdict, string> = {
  ready: 'ready',
  'declared-with-open-findings': '**declared with open findings**',
  blocked: '**blocked**',
  'not-declared': 'not declared',
  'keeps-gil': 'keeps the GIL',
  unknown: 'unknown',
};

/**
 * A table cell: no pipe or line break may end the cell or the row early (GFM unescapes `\|` even
 * in code spans), and no other control character reaches the log the report may be printed to.
 */
function cell(text: string): string {
  return printable(text.replace(/\r?\n/g, ' ')).replace(/\|/g, '\\|');
}

/** Code spans cannot hold a backtick run of their own length, so fence with one more. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text}${fence}`;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function bySeverity(findings: readonly Finding[]): Finding[] {
  return SEVERITIES.flatMap((s) => findings.filter((f) => f.severity === s));
}

export function formatMarkdown(result: AuditResult, rules: readonly Rule[]): string {
  const counts = countBySeverity(result.findings);
  const out = [
    '## cext-audit: free-threaded CPython 3.14',
    '',
    `${result.findings.length === 0 ? 'No findings' : `Found ${describeCounts(counts)}`} in ${result.filesAudited} file(s).`,
    '',
  ];
  if (result.modules.length > 0) {
    out.push(
      ...table(
        ['Module', 'Made by', 'Declares free-threading support', 'Verdict', 'Findings in its files', 'File'],
        result.modules.map((m) => [cell(m.name), m.initStyle, cell(m.unknownBecause ? `unknown: ${m.unknownBecause}` : DECLARED[m.declared]), VERDICT[m.verdict], describeCounts(m.findings), code(cell(m.file))]),
      ),
      '',
    );
  }
  if (result.findings.length > 0) {
    const byRule = new Map<string, number>();
    for (const f of result.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    const guide = new Map(rules.map((r) => [r.id, r.guide]));
    const severity = new Map(rules.map((r) => [r.id, r.severity]));
    const ruleRows = [...byRule]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([id, n]) => [guide.has(id) ? `[${id}](${guide.get(id)})` : id, severity.get(id) ?? '', String(n)]);
    out.push('### Findings by rule', '', ...table(['Rule', 'Severity', 'Count'], ruleRows), '');
    const top = bySeverity(result.findings).slice(0, MARKDOWN_FINDINGS);
    out.push(
      `### ${top.length === result.findings.length ? 'Findings' : `The ${top.length} most severe findings of ${result.findings.length}`}`,
      '',
      ...table(
        ['Severity', 'Location', 'Rule', 'Message'],
        top.map((f) => [f.severity, code(cell(`${f.file}:${f.range.startLine}:${f.range.startColumn}`)), `[${f.ruleId}](${f.guide})`, cell(f.message)]),
      ),
      '',
    );
    if (top.length < result.findings.length) out.push('The SARIF log (`--sarif FILE`) and `--format json` hold all of them.', '');
  }
  if (result.skipped.length > 0) {
    out.push(`${result.skipped.length} file(s) were not audited:`, '', ...result.skipped.map((s) => `- ${code(cell(s.file))}: ${cell(s.reason)}`), '');
  }
  return `${out.join('\n')}\n`;
}
