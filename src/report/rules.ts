/** Rule documentation rendered from rule metadata: the `rules` table, `explain`, and the README table. */
import { sinceText, type Rule } from '../engine/rule.js';

/** `howto/free-threading-extensions.html#borrowed-references`: the guide link without its common prefix. */
function shortGuide(url: string): string {
  return url.replace(/^https:\/\/docs\.python\.org\/3\.14\//, '');
}

export function formatRulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => [r.id + (r.status === 'preview' ? ' (preview)' : ''), r.category, r.severity, shortGuide(r.guide), r.docs.what]);
  const header = ['id', 'category', 'severity', 'guide (docs.python.org/3.14/…)', 'summary'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l === '' ? '' : `    ${l}`))
    .join('\n');
}

export function formatExplain(rule: Rule): string {
  const sections = [
    `${rule.id} (${rule.severity}, ${rule.category}${rule.status === 'preview' ? ', preview' : ''})`,
    `What it does\n  ${rule.docs.what}`,
    `Why is this bad?\n  ${rule.docs.why}`,
    `Example${rule.docs.exampleFile ? ` (${rule.docs.exampleFile})` : ''}\n${indent(rule.docs.example)}`,
    ...Object.entries(rule.docs.exampleContext ?? {}).map(([file, text]) => `  with ${file}:\n${indent(text)}`),
    `Use instead\n${indent(rule.docs.useInstead)}`,
    `Replacement\n  ${rule.replacement} (since ${sinceText(rule)}); pythoncapi_compat.h: ${rule.compat}`,
  ];
  if (rule.docs.knownProblems) sections.push(`Known problems\n  ${rule.docs.knownProblems}`);
  sections.push(`Guide\n  ${rule.guide}`);
  if (rule.references.length > 0) sections.push(`References\n${rule.references.map((r) => `  ${r}`).join('\n')}`);
  sections.push(`Verified against\n  ${rule.verified}`);
  return `${sections.join('\n\n')}\n`;
}

/** The rule table of the README, between its `<!-- rules:start -->` and `<!-- rules:end -->` markers. */
export function markdownRulesTable(rules: readonly Rule[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const rows = rules.map(
    (r) => `| [\`${r.id}\`](${r.guide}) | ${r.category} | ${r.severity} | ${escape(r.docs.what)} |`,
  );
  return ['| rule | category | severity | what it finds |', '|---|---|---|---|', ...rows].join('\n');
}
