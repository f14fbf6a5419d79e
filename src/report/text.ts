/**
 * The human report, in the style of ruff and rustc: `path:line:col: severity[rule] message`,
 * a code frame with the range underlined, the fix, related locations and the guide link,
 * then a readiness line per module.
 */
import { codeFrameColumns, type BabelCodeFrameOptions } from '@babel/code-frame';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../engine/rule.js';
import type { AuditResult } from '../engine/runner.js';
import type { ModuleReadiness } from '../engine/readiness.js';
import { printable, printableSource } from './printable.js';
import { countBySeverity, describeCounts } from './summary.js';

export interface TextOptions {
  color: boolean;
  /** The file's text for code frames; null when it cannot be read any more. */
  source(file: string): string | null;
  minPython: string;
}

function paint(chalk: ChalkInstance): Record<Severity, (s: string) => string> {
  return { error: chalk.red.bold, warning: chalk.yellow.bold, note: chalk.cyan.bold };
}

function indentBlock(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

/** The line breaks @babel/code-frame splits at. */
const NEWLINE = /\r\n|[\n\r\u2028\u2029]/;

/** The last file's lines, shown printable: findings come file by file, and splitting the whole file for each one is quadratic. */
let split: { source: string; lines: string[] } | null = null;

function linesOf(source: string): string[] {
  if (split?.source !== source) split = { source, lines: printableSource(source).split(NEWLINE) };
  return split.lines;
}

function frame(finding: Finding, source: string | null, color: boolean): string {
  if (source === null) return '';
  const { range } = finding;
  const sameLine = range.startLine === range.endLine;
  const lines = linesOf(source);
  // The frame's own lines only, numbered from where they start (code-frame's startLine).
  const first = Math.max(1, range.startLine - 1);
  const last = Math.min(lines.length, (sameLine ? range.endLine : range.startLine) + 1);
  const options: BabelCodeFrameOptions & { startLine: number } = { highlightCode: color, forceColor: color, linesAbove: 1, linesBelow: 1, startLine: first };
  return codeFrameColumns(
    lines.slice(first - 1, last).join('\n'),
    {
      start: { line: range.startLine, column: range.startColumn },
      end: sameLine ? { line: range.endLine, column: range.endColumn } : { line: range.startLine },
    },
    options,
  );
}

/** Categories whose findings turn on whether another thread can reach the object. */
const SHARING_RULES = new Set<string>(['borrowed-reference', 'critical-section', 'global-state', 'memory']);

export function formatFinding(finding: Finding, options: TextOptions, chalk: ChalkInstance): string {
  const { file, range } = finding;
  const head = `${chalk.bold(`${printable(file)}:${range.startLine}:${range.startColumn}:`)} ${paint(chalk)[finding.severity](
    `${finding.severity}[${finding.ruleId}]`,
  )} ${printable(finding.message)}`;
  const lines = [head];
  const codeFrame = frame(finding, options.source(file), options.color);
  if (codeFrame !== '') lines.push(codeFrame);
  if (finding.fix) lines.push(indentBlock(printableSource(finding.fix), `  ${chalk.green('= fix:')} `, '         '));
  for (const r of finding.related) lines.push(`  ${chalk.blue('= note:')} ${printable(r.message)} is at ${printable(r.file)}:${r.range.startLine}:${r.range.startColumn}`);
  if (finding.precision !== 'high') {
    const check = SHARING_RULES.has(finding.category) ? 'check that the object can really be shared' : 'check it against how the project is built';
    lines.push(`  ${chalk.blue('= precision:')} ${finding.precision}: the rule reads the sources without running them; ${check}`);
  }
  lines.push(`  ${chalk.blue('= see:')} ${finding.guide}`);
  return lines.join('\n');
}

function moduleTable(modules: readonly ModuleReadiness[], chalk: ChalkInstance): string[] {
  const header = ['module', 'init', 'declared', 'verdict', 'findings in its files', 'file'];
  const rows = modules.map((m) => [printable(m.name), m.initStyle, m.declared, m.verdict, describeCounts(m.findings), printable(m.file)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const colors: Record<number, Record<string, (s: string) => string>> = {
    2: { yes: chalk.green, no: chalk.red, 'keeps-gil': chalk.yellow },
    3: { ready: chalk.green, 'declared-with-open-findings': chalk.red.bold, blocked: chalk.red, 'not-declared': chalk.red, 'keeps-gil': chalk.yellow },
  };
  const line = (cells: string[], isHeader: boolean) =>
    `  ${cells
      .map((cell, i) => {
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i]);
        const color = colors[i];
        return color !== undefined && !isHeader ? (color[cell] ?? chalk.dim)(padded) : padded;
      })
      .join('  ')}`;
  return [chalk.bold(line(header, true)), ...rows.map((r) => line(r, false))];
}

export function formatText(result: AuditResult, options: TextOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const out: string[] = [];
  for (const finding of result.findings) out.push(formatFinding(finding, options, chalk), '');
  for (const s of result.skipped) out.push(`${chalk.dim('note:')} skipped ${printable(s.file)}: ${printable(s.reason)}`);
  if (result.skipped.length > 0) out.push('');
  if (result.modules.length > 0) {
    out.push(chalk.bold(`Extension modules (${result.modules.length}), checked for free-threaded CPython 3.14, min-python ${options.minPython}:`));
    out.push(...moduleTable(result.modules, chalk));
    // "unknown" alone reads like a clean bill: say what the scan could not follow.
    for (const m of result.modules) if (m.unknownBecause) out.push(`  ${chalk.dim(`${printable(m.name)}: unknown because ${printable(m.unknownBecause)}`)}`);
    out.push('');
  } else {
    out.push('No extension module (PyInit_* function or PyModuleDef) found.', '');
  }
  const counts = countBySeverity(result.findings);
  const files = `${result.filesAudited} file${result.filesAudited === 1 ? '' : 's'}`;
  out.push(`${result.findings.length === 0 ? chalk.green('No findings') : chalk.bold(`Found ${describeCounts(counts)}`)} in ${files}.`);
  return `${out.join('\n')}\n`;
}
