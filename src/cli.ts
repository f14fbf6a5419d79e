/**
 * The command line: the only module that touches argv, the environment, stdout/stderr and
 * the exit code. Exit 0: nothing at or above --fail-on; 1: findings; 2: usage, config or I/O error.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { ConfigError, FAIL_ON, findPyproject, readConfigFile, resolveOptions, type FailOn, type Flags, type Options } from './config.js';
import { changedLines, onChangedLines } from './diff.js';
import { discover, DiscoveryError, onlyFiles } from './discover.js';
import { loadRules, selectRules } from './engine/registry.js';
import { SEVERITIES, type Rule } from './engine/rule.js';
import { audit, type AuditResult, type SourceFile } from './engine/runner.js';
import { applyBaseline, makeBaseline, parseBaseline, type Baseline } from './engine/baseline.js';
import { fingerprints } from './engine/fingerprints.js';
import { defaultJobs } from './engine/analysis.js';
import { DEFAULT_CACHE_DIR, diskCache } from './engine/cache.js';
import { formatTimings, lap, startTimings, type Timings } from './engine/timing.js';
import { terminalProgress } from './progress.js';
import { formatPythonVersion } from './python-version.js';
import { DEFAULT_MAX_ANNOTATIONS, formatGithub } from './report/github.js';
import { formatJson } from './report/json.js';
import { formatSarif } from './report/sarif.js';
import { formatExplain, formatRulesTable } from './report/rules.js';
import { formatMarkdown } from './report/markdown.js';
import { formatText } from './report/text.js';
import { printable } from './report/printable.js';
import { decode } from './source/decode.js';
import { applyInsertions, declarationFixes, type Insertion } from './fix/declare.js';
import { createTwoFilesPatch } from 'diff';
import { codeHash, VERSION } from './version.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  /** stderr when it is a terminal, for the progress display; null otherwise. */
  progressStream: NodeJS.WriteStream | null;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

interface ScanArgs {
  paths?: string[];
  format: 'text' | 'json' | 'github' | 'sarif' | 'markdown';
  'max-annotations': number;
  output?: string;
  select?: string[];
  ignore?: string[];
  'fail-on'?: FailOn;
  'min-python'?: string;
  'target-python'?: string;
  config?: string;
  include?: string[];
  exclude?: string[];
  quiet: boolean;
  color?: boolean;
  'max-file-size': number;
  jobs?: number;
  baseline?: string;
  'write-baseline'?: string;
  'prune-baseline': boolean;
  'report-unused-suppressions': boolean;
  diff?: string;
  cache: boolean;
  'cache-dir'?: string;
  sarif?: string;
  'sarif-category'?: string;
  'step-summary': boolean;
}

/** `--select a,b --select c` → ['a', 'b', 'c']. */
function commaList(values: unknown): string[] | undefined {
  if (values === undefined) return undefined;
  const list = (Array.isArray(values) ? values : [values]).flatMap((v) => String(v).split(','));
  return list.map((v) => v.trim()).filter((v) => v !== '');
}

function useColor(flag: boolean | undefined, io: Io, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return !toFile && io.stdoutIsTTY;
}

function failsAt(failOn: FailOn, severities: Iterable<string>): boolean {
  if (failOn === 'never') return false;
  const threshold = SEVERITIES.indexOf(failOn);
  for (const s of severities) if (SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]) <= threshold) return true;
  return false;
}

/** Each file's text, read once however many findings quote it. */
function readSource(cwd: string): (file: string) => string | null {
  const texts = new Map<string, string | null>();
  const read = (file: string): string | null => {
    try {
      const decoded = decode(readFileSync(path.resolve(cwd, file)));
      return decoded.ok ? decoded.text : null;
    } catch {
      return null;
    }
  };
  return (file) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file) ?? null;
  };
}

/** What `scan` and `fix` share: the files, the rules, the options and the audit itself. */
type AuditArgs = Pick<
  ScanArgs,
  'paths' | 'select' | 'ignore' | 'fail-on' | 'min-python' | 'target-python' | 'config' | 'include' | 'exclude' | 'quiet' | 'max-file-size' | 'jobs' | 'cache' | 'cache-dir' | 'report-unused-suppressions'
>;

interface Audited {
  result: AuditResult;
  options: Options;
  rules: Rule[];
  /** The sources the paths name (the project around them may have been read too). */
  named: SourceFile[];
  timings: Timings | undefined;
}

async function runAudit(args: AuditArgs, io: Io, allRules: Rule[]): Promise<Audited> {
  const timings = io.env.CEXT_AUDIT_TIMING ? startTimings() : undefined;
  const flags: Flags = {
    cwd: io.cwd,
    paths: args.paths ?? [],
    select: commaList(args.select),
    ignore: commaList(args.ignore),
    failOn: args['fail-on'],
    minPython: args['min-python'],
    targetPython: args['target-python'],
    include: commaList(args.include),
    exclude: commaList(args.exclude),
  };
  const firstPath = path.resolve(io.cwd, flags.paths[0] ?? '.');
  const configFile = args.config !== undefined ? path.resolve(io.cwd, args.config) : findPyproject(firstPath);
  const options = resolveOptions(flags, configFile === null ? null : readConfigFile(configFile));
  const { rules, unknown } = selectRules(allRules, options.select, options.ignore);
  if (unknown.length > 0) {
    const valid = [...new Set(allRules.flatMap((r) => [r.category, r.id]))].join(', ');
    throw new UsageError(`unknown rule or category: ${unknown.join(', ')} (valid: ${valid})`);
  }
  const named = discover({ paths: options.paths, include: options.include, exclude: options.exclude, cwd: io.cwd });
  // Files named alone are reported on alone, but judged with the project around them: a slot
  // array or PyModuleDef may live in a file the commit did not touch.
  const focus = onlyFiles(options.paths, io.cwd) ? new Set(named.map((f) => f.file)) : undefined;
  const projectRoot = configFile === null ? io.cwd : path.dirname(configFile);
  const files =
    focus === undefined
      ? named
      : uniqueByPath([...named, ...discover({ paths: [projectRoot], include: options.include, exclude: options.exclude, cwd: io.cwd })]);
  if (!(args['max-file-size'] > 0)) throw new UsageError('--max-file-size must be a positive number of megabytes');
  const jobs = args.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number of at least 1');
  // Like ruff's, the cache sits at the project root: beside the configuration file, else here.
  const cacheDir = path.resolve(io.cwd, args['cache-dir'] ?? path.join(projectRoot, DEFAULT_CACHE_DIR));
  const cache = args.cache ? diskCache(cacheDir, `${VERSION}-${codeHash()}`) : undefined;
  const progress = io.progressStream !== null && !args.quiet ? terminalProgress(io.progressStream) : null;
  lap(timings, 'start-up, configuration and discovery');
  let result: AuditResult;
  try {
    result = await audit({
      files,
      rules,
      options: { minPython: options.minPython, targetPython: options.targetPython },
      macros: options.macros,
      maxFileSize: args['max-file-size'] * 2 ** 20,
      jobs,
      knownRuleIds: allRules.flatMap((r) => [r.id, r.category]),
      reportUnusedSuppressions: args['report-unused-suppressions'],
      cache,
      focus,
      progress: progress === null ? undefined : (done, total) => progress.update(done, total),
      timings,
    });
  } finally {
    progress?.stop();
  }
  if (cache?.problem && !args.quiet) io.stderr(`cext-audit: note: ${printable(cache.problem)}\n`);
  return { result, options, rules, named, timings };
}

async function scan(args: ScanArgs, io: Io, allRules: Rule[]): Promise<number> {
  const { result, options, rules, named, timings } = await runAudit(args, io, allRules);
  if (args.diff !== undefined) {
    try {
      result.findings = onChangedLines(result.findings, changedLines(args.diff, io.cwd), io.cwd);
    } catch (error) {
      throw new UsageError(`--diff ${args.diff}: ${(error as Error).message}`);
    }
  }
  const baselined = applyBaselineFlags(args, io, result);
  if (baselined === 'written') return EXIT_CLEAN;
  const minPython = `${formatPythonVersion(options.minPython)} (${options.minPythonSource})`;
  const toFile = args.output !== undefined;
  const sarif = () => formatSarif(result, rules, { version: VERSION, source: readSource(io.cwd), category: args['sarif-category'], workingDirectory: io.cwd });
  const formats: Record<ScanArgs['format'], () => string> = {
    text: () => formatText(result, { color: useColor(args.color, io, toFile), source: readSource(io.cwd), minPython }),
    json: () => formatJson(result, { version: VERSION, minPython: formatPythonVersion(options.minPython) }),
    github: () => formatGithub(result.findings, args['max-annotations']),
    sarif,
    markdown: () => formatMarkdown(result, rules),
  };
  const report = formats[args.format]();
  if (toFile) writeReport(io, args.output as string, report);
  else io.stdout(report);
  if (args.sarif !== undefined) writeReport(io, args.sarif, sarif());
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (args['step-summary'] && stepSummary !== undefined && stepSummary !== '') {
    writeReport(io, stepSummary, formatMarkdown(result, rules), { append: true });
  }
  if (!args.quiet) {
    // The text and Markdown reports list skipped files; the other formats only record them, out of a reader's sight.
    if ((args.format !== 'text' && args.format !== 'markdown') || toFile) for (const s of result.skipped) io.stderr(`cext-audit: note: skipped ${printable(s.file)}: ${printable(s.reason)}\n`);
    for (const d of result.diagnostics) io.stderr(`cext-audit: note: ${printable(d.file)}: ${printable(d.message)}\n`);
    if (named.length === 0) io.stderr(`cext-audit: note: no C, C++ or Cython sources found under ${options.paths.join(', ')}\n`);
  }
  if (timings !== undefined) {
    lap(timings, 'report');
    io.stderr(formatTimings(timings));
  }
  return failsAt(options.failOn, result.findings.map((f) => f.severity)) ? EXIT_FINDINGS : EXIT_CLEAN;
}

type FixArgs = Omit<AuditArgs, 'select' | 'ignore' | 'fail-on' | 'report-unused-suppressions'> & { declare: boolean; 'dry-run': boolean };

/**
 * The file as it is on disk, when it can be written back with lines inserted: UTF-8, no BOM,
 * no lone CR (the decoder turns those into LF); its line ending, for the lines to insert.
 */
function editable(io: Io, file: string): { text: string; newline: string } | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path.resolve(io.cwd, file));
  } catch (error) {
    return `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  const decoded = decode(bytes);
  if (!decoded.ok || decoded.encoding !== 'utf-8' || decoded.text !== bytes.toString('utf8')) return 'it is not plain UTF-8 (a BOM, Latin-1 or CR line endings): add the lines by hand';
  return { text: decoded.text, newline: decoded.text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * `fix --declare`: prints (or, with --no-dry-run, writes) the declaration for every module whose
 * verdict is not-declared and whose files hold no other error or warning. Every rule runs, whatever
 * the configuration selects, so no open finding is hidden from the decision.
 */
async function fix(args: FixArgs, io: Io, allRules: Rule[]): Promise<number> {
  if (!args.declare) throw new UsageError('fix needs --declare: declaring free-threading support is the only fix there is');
  const { result, options } = await runAudit({ ...args, select: [], 'report-unused-suppressions': false }, io, allRules);
  const texts = new Map<string, { text: string; newline: string } | string>();
  const source = (file: string) => {
    if (!texts.has(file)) texts.set(file, editable(io, file));
    const entry = texts.get(file);
    return typeof entry === 'object' && entry !== undefined ? entry.text : null;
  };
  const fixes = declarationFixes({ readiness: result.modules, modules: result.parts.modules, bindings: result.parts.bindings, minPython: options.minPython, source });
  const byFile = new Map<string, Insertion[]>();
  for (const f of fixes) {
    if ('skipped' in f) {
      const unreadable = texts.get(f.file);
      const reason = typeof unreadable === 'string' ? unreadable : f.skipped;
      if (!args.quiet) io.stderr(`cext-audit: note: not declaring module "${printable(f.module)}" (${printable(f.file)}): ${printable(reason)}\n`);
      continue;
    }
    if (f.note !== undefined && !args.quiet) io.stderr(`cext-audit: note: module "${printable(f.module)}" (${printable(f.file)}): ${printable(f.note)}\n`);
    byFile.set(f.file, [...(byFile.get(f.file) ?? []), ...f.insertions]);
  }
  for (const [file, insertions] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { text, newline } = texts.get(file) as { text: string; newline: string };
    const fixed = applyInsertions(text, insertions.map((i) => ({ ...i, text: i.text.replace(/\n/g, newline) })));
    if (args['dry-run']) io.stdout(createTwoFilesPatch(`a/${file}`, `b/${file}`, text, fixed, undefined, undefined, { context: 3 }));
    else writeReport(io, file, fixed);
  }
  const modules = fixes.filter((f) => !('skipped' in f)).length;
  if (!args.quiet) {
    const what = `${modules} module(s) in ${byFile.size} file(s)`;
    io.stderr(modules === 0 ? 'cext-audit: no module is ready to be declared\n' : args['dry-run'] ? `cext-audit: would declare ${what}; --no-dry-run writes them\n` : `cext-audit: declared ${what}\n`);
  }
  return args['dry-run'] && modules > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

function uniqueByPath(files: SourceFile[]): SourceFile[] {
  return [...new Map(files.map((f) => [f.path, f])).values()];
}

function writeReport(io: Io, file: string, text: string, options: { append?: boolean } = {}): void {
  try {
    (options.append ? appendFileSync : writeFileSync)(path.resolve(io.cwd, file), text);
  } catch (error) {
    throw new ConfigError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * --write-baseline records today's findings and ends the run; --baseline keeps only findings
 * it does not know, and --prune-baseline drops its entries that no longer match anything.
 */
function applyBaselineFlags(args: ScanArgs, io: Io, result: AuditResult): 'written' | 'applied' | 'none' {
  if (args['write-baseline'] === undefined && args.baseline === undefined) return 'none';
  const prints = fingerprints(result.findings, readSource(io.cwd));
  const write = (file: string, baseline: Baseline) => writeReport(io, file, `${JSON.stringify(baseline, null, 2)}\n`);
  if (args['write-baseline'] !== undefined) {
    write(args['write-baseline'], makeBaseline(result.findings, prints));
    io.stderr(`cext-audit: wrote ${result.findings.length} finding(s) to ${args['write-baseline']}\n`);
    return 'written';
  }
  const file = args.baseline as string;
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const baseline = parseBaseline(text);
  if (typeof baseline === 'string') throw new ConfigError(`${file}: ${baseline}`);
  const { fresh, stale } = applyBaseline(result.findings, prints, baseline);
  const known = result.findings.length - fresh.length;
  result.findings = fresh;
  if (!args.quiet && known > 0) io.stderr(`cext-audit: note: ${known} finding(s) already in ${file} are not reported\n`);
  if (stale.length > 0) {
    if (args['prune-baseline']) {
      const gone = new Set(stale.map((e) => e.fingerprint));
      write(file, { ...baseline, findings: baseline.findings.filter((e) => !gone.has(e.fingerprint)) });
      io.stderr(`cext-audit: removed ${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'} from ${file}\n`);
    } else if (!args.quiet) {
      io.stderr(`cext-audit: note: ${stale.length} entr${stale.length === 1 ? 'y' : 'ies'} of ${file} match no finding any more (fixed, or the line changed); --prune-baseline removes them\n`);
    }
  }
  return 'applied';
}

/** The options of every command that audits: which files, which Pythons, the cache. */
function auditOptions<T>(y: Argv<T>) {
  return y
    .positional('paths', { type: 'string', array: true, describe: 'files or directories to audit' })
    .option('cache', { type: 'boolean', default: true, describe: 'reuse what earlier runs learned from unchanged files (--no-cache: parse everything)' })
    .option('cache-dir', { type: 'string', describe: `where the cache lives [default: ${DEFAULT_CACHE_DIR} beside pyproject.toml, else in the current directory]` })
    .option('min-python', { type: 'string', describe: 'oldest Python the project supports [default: requires-python, else 3.9]' })
    .option('target-python', { type: 'string', describe: 'newest Python to build for: APIs removed by then are errors [default: 3.14]' })
    .option('config', { type: 'string', describe: 'configuration file (default: the nearest pyproject.toml)' })
    .option('include', { type: 'string', describe: 'globs of files to audit (default: C, C++ and Cython sources)' })
    .option('exclude', { type: 'string', describe: 'globs of files to skip' })
    .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads for parsing [default: the number of cores]' })
    .option('max-file-size', { type: 'number', default: 10, describe: 'skip files larger than this many megabytes, with a note' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr' });
}

export async function main(argv: string[], io: Io): Promise<number> {
  const allRules = await loadRules();
  let exitCode = EXIT_CLEAN;
  let helpShown = false;
  const parser = yargs(argv)
    .scriptName('cext-audit')
    .usage('$0 [paths..]\n\nAudit the C sources of a CPython extension for Python 3.14 and the free-threaded build.')
    .exitProcess(false)
    .strict()
    .version(VERSION)
    .help()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      throw error instanceof Error && !(error instanceof UsageError) && message === undefined ? error : new UsageError(message ?? error?.message);
    })
    .command(
      ['$0 [paths..]', 'scan [paths..]'],
      'audit the C, C++ and Cython sources under the paths (default: the current directory)',
      (y) =>
        auditOptions(y)
          .option('format', {
            choices: ['text', 'json', 'github', 'sarif', 'markdown'] as const,
            default: 'text' as const,
            describe: 'output format (github: workflow-command annotations; sarif: SARIF 2.1.0 for code scanning; markdown: for a pull-request comment)',
          })
          .option('diff', { type: 'string', describe: 'report only findings on lines changed since this git ref (e.g. origin/main)' })
          .option('report-unused-suppressions', { type: 'boolean', default: false, describe: 'note cext-audit: ignore comments that silence nothing, and blanket ones' })
          .option('baseline', { type: 'string', describe: 'report only findings this baseline file does not list' })
          .option('write-baseline', { type: 'string', describe: "record today's findings in this file and exit 0" })
          .option('prune-baseline', { type: 'boolean', default: false, describe: 'with --baseline: drop entries that match no finding any more' })
          .option('max-annotations', { type: 'number', default: DEFAULT_MAX_ANNOTATIONS, describe: 'with --format github: annotations per severity' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the report to this file instead of stdout' })
          .option('sarif', { type: 'string', describe: 'also write a SARIF 2.1.0 log to this file, whatever --format is' })
          .option('sarif-category', { type: 'string', describe: 'SARIF automationDetails.id, to upload several runs to code scanning' })
          .option('step-summary', { type: 'boolean', default: true, describe: 'append a Markdown summary to $GITHUB_STEP_SUMMARY when it is set' })
          // Not `array: true`: an array option would swallow the paths that follow it (`--select X .`).
          // Repeating the option, or commas, give several values.
          .option('select', { type: 'string', describe: 'run only these rule ids or categories' })
          .option('ignore', { type: 'string', describe: 'skip these rule ids or categories' })
          .option('fail-on', { choices: FAIL_ON, describe: 'lowest severity that makes the exit code 1 [default: warning]' })
          .option('color', { type: 'boolean', describe: 'colour the text report (default: when stdout is a terminal; honours NO_COLOR and FORCE_COLOR)' }),
      async (args) => {
        exitCode = await scan(args as unknown as ScanArgs, io, allRules);
      },
    )
    .command(
      'fix [paths..]',
      'declare free-threading support in the modules that are ready for it (prints a diff unless --no-dry-run)',
      (y) =>
        auditOptions(y)
          .option('declare', { type: 'boolean', default: false, describe: 'add {Py_mod_gil, Py_MOD_GIL_NOT_USED}, PyUnstable_Module_SetGIL or the binding option' })
          .option('dry-run', { type: 'boolean', default: true, describe: 'print the diff and write nothing (--no-dry-run writes the files)' }),
      async (args) => {
        exitCode = await fix(args as unknown as FixArgs, io, allRules);
      },
    )
    .command('rules', 'list the rules', {}, () => {
      io.stdout(formatRulesTable(allRules));
    })
    .command(
      'explain <rule>',
      'show what a rule checks, why, and how to fix it',
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (args) => {
        const rule = allRules.find((r) => r.id === args.rule);
        if (!rule) throw new UsageError(`unknown rule ${args.rule} (valid: ${allRules.map((r) => r.id).join(', ')})`);
        io.stdout(formatExplain(rule));
      },
    );
  try {
    await parser.parseAsync(argv, {}, (error, _argv, output) => {
      if (output && !error) {
        helpShown = true;
        io.stdout(`${output}\n`);
      }
    });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DiscoveryError) {
      // A configuration file of the repository may quote anything back.
      io.stderr(`cext-audit: error: ${printable(error.message)}\n`);
      return EXIT_ERROR;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr(`cext-audit: internal error: ${printable(detail)}\n`);
    return EXIT_ERROR;
  }
  return helpShown ? EXIT_CLEAN : exitCode;
}
