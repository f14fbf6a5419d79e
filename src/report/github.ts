/**
 * GitHub Actions workflow commands, one annotation per finding, so findings show on the pull
 * request's diff: `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`.
 * GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job) and drops
 * the rest silently, so the most severe come first and a closing notice says what was left out.
 */
import { SEVERITIES, type Finding } from '../engine/rule.js';
import { printable } from './printable.js';

/**
 * Data (the message) escapes %, CR and LF, as the runner's command parser expects; it has no
 * escape for other control characters, which are shown as printable escapes instead.
 */
export function escapeData(text: string): string {
  return printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Property values (file, title) also escape `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

export const DEFAULT_MAX_ANNOTATIONS = 10;

export function annotation(f: Finding): string {
  const { range } = f;
  const properties = [
    `file=${escapeProperty(f.file)}`,
    `line=${range.startLine}`,
    `endLine=${range.endLine}`,
    // Columns only mean something on a one-line range.
    ...(range.startLine === range.endLine ? [`col=${range.startColumn}`, `endColumn=${range.endColumn}`] : []),
    `title=${escapeProperty(`cext-audit (${f.ruleId})`)}`,
  ].join(',');
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(`${f.message}\nSee ${f.guide}`)}`;
}

/** Annotations, most severe first, at most `max` per severity; a notice counts the rest. */
export function formatGithub(findings: readonly Finding[], max = DEFAULT_MAX_ANNOTATIONS): string {
  const lines: string[] = [];
  let left = 0;
  for (const severity of SEVERITIES) {
    const these = findings.filter((f) => f.severity === severity);
    lines.push(...these.slice(0, max).map(annotation));
    left += Math.max(0, these.length - max);
  }
  if (left > 0) {
    lines.push(`::notice title=cext-audit::${escapeData(`${left} more finding(s) not annotated (GitHub shows ${max} per severity and step); the job's step summary counts them by rule, and the SARIF log (--sarif FILE) and --format json list them all`)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
