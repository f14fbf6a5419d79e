/**
 * The audit pipeline: read and decode → pre-pass → parse → file facts → file rules, then the
 * project pass → project rules. Each step is a plain function of data; nothing here touches
 * argv, stdout or the exit code.
 */
import { readFileSync } from 'node:fs';
import { decode, generatedBy } from '../source/decode.js';
import { sourceDefects } from '../source/defects.js';
import { grammarOf, languageOf } from '../source/languages.js';
import { blankSpans, deadSpans } from '../source/branches.js';
import { unparsedFacts } from '../facts/extract.js';
import { addParsed, calledNames, mentionsPythonApi, needed, outline, pythonMacros, wantedNames, type Outline } from './deferral.js';
import { annotationMacros, macroTable, wrapperMacros, type MacroRule } from '../source/prepass.js';
import { parseBudgetMs } from '../source/parse.js';
import { analysisPool, type AnalysisTask, type Outcome } from './analysis.js';
import { inheritedByFile } from '../facts/inherited.js';
import { hashOf, type Cache, type CachedFile, type CachedRun } from './cache.js';
import { scanSource, type Directive, type SourceScan } from '../source/scan.js';
import { buildFileFacts, type BuildFileFacts } from '../facts/build-files.js';
import { projectFacts } from '../facts/modules.js';
import type { FileFacts } from '../facts/types.js';
import { formatMessage, type Finding, type Report, type Rule, type RuleOptions } from './rule.js';
import { readiness, type ModuleReadiness } from './readiness.js';
import { isSuppressed, suppressionComments, suppressionsByLine } from './suppressions.js';
import { lap, timeRule, type Timings } from './timing.js';

export interface SourceFile {
  /** Where to read it. */
  path: string;
  /** How findings name it: relative to the project root, forward slashes. */
  file: string;
  /** A build file (setup.py, pyproject.toml, …) is read for its settings, not parsed as C. */
  kind?: 'source' | 'build';
}

export interface Skipped {
  file: string;
  reason: string;
}

export interface Diagnostic {
  file: string;
  message: string;
}

export interface AuditInput {
  files: readonly SourceFile[];
  rules: readonly Rule[];
  options: RuleOptions;
  /** Extra pre-pass macros from the configuration. */
  macros?: ReadonlyMap<string, MacroRule>;
  /** Worker threads for parsing (1: none); small scans never start workers. */
  jobs?: number;
  /** Files larger than this many bytes are skipped with a note (vendored amalgamations dominate memory). */
  maxFileSize?: number;
  /** Report suppression comments that silence nothing, and blanket ones. */
  reportUnusedSuppressions?: boolean;
  /** Every rule id and category, enabled or not: a suppression naming one of them is not a typo. */
  knownRuleIds?: readonly string[];
  /** Reads a file; injectable so tests can feed text without a disk. */
  read?: (path: string) => Promise<Uint8Array>;
  /** Facts and findings of earlier runs, by content hash. */
  cache?: Cache;
  /**
   * Report only on these files (display names), though every file is read: files named alone
   * (by pre-commit) are judged with the rest of the project, where a module's parts may live.
   */
  focus?: ReadonlySet<string>;
  /**
   * Parse every file, even those that name no Python API and that nothing parsed reaches (see
   * deferral.ts); the findings are the same, the tests compare them.
   */
  parseAll?: boolean;
  /** Where the time goes, step by step and rule by rule (CEXT_AUDIT_TIMING). */
  timings?: Timings;
  /** Called after each file is analysed (or found in the cache), for a progress display. */
  progress?: (done: number, total: number) => void;
}

export interface AuditResult {
  findings: Finding[];
  /** Findings silenced by `cext-audit: ignore[…]` comments, kept for SARIF's suppressions. */
  suppressed: Finding[];
  modules: ModuleReadiness[];
  /** Files not audited, with the reason (generated code, binary, unreadable). */
  skipped: Skipped[];
  /** Files audited with a caveat (decoding, parse errors). */
  diagnostics: Diagnostic[];
  filesAudited: number;
  /** Files read for their directives alone: they name no Python API and nothing parsed reaches them (see deferral.ts). */
  notParsed: string[];
  /** The modules' parts, as the project pass found them (for `fix --declare`). */
  parts: Pick<CachedRun, 'modules' | 'bindings'>;
}

interface Loaded {
  source: SourceFile;
  text: string;
  /** Of the file's bytes: the cache key. */
  hash: string;
}

export const DEFAULT_MAX_FILE_SIZE = 10 * 2 ** 20;

async function load(
  files: readonly SourceFile[],
  read: (p: string) => Promise<Uint8Array>,
  maxFileSize: number,
  skipped: Skipped[],
  diagnostics: Diagnostic[],
): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  const names = new Set(files.map((f) => f.file));
  for (const source of files) {
    let bytes: Uint8Array;
    try {
      bytes = await read(source.path);
    } catch (error) {
      skipped.push({ file: source.file, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    if (bytes.length > maxFileSize) {
      const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
      skipped.push({ file: source.file, reason: `larger than --max-file-size (${mb(bytes.length)} > ${mb(maxFileSize)})` });
      continue;
    }
    const decoded = decode(bytes);
    if (!decoded.ok) {
      skipped.push({ file: source.file, reason: decoded.reason });
      continue;
    }
    const generator = generatedBy(decoded.text);
    if (generator !== null) {
      // Cython writes foo.c beside foo.pyx: the module is judged from the .pyx, which the scan reads.
      const pyx = source.file.replace(/\.(?:c|cpp)$/, '.pyx');
      const from = generator.startsWith('Cython') && pyx !== source.file && names.has(pyx) ? `, from ${pyx}, which is audited instead` : '; audit its source instead';
      skipped.push({ file: source.file, reason: `generated by ${generator}${from}` });
      continue;
    }
    if (decoded.encoding !== 'utf-8') diagnostics.push({ file: source.file, message: 'not valid UTF-8; read as Latin-1' });
    loaded.push({ source, text: decoded.text, hash: hashOf(bytes) });
  }
  return loaded;
}

/** Reports into `findings`; a part shared by several modules (a slot array, a macro) is reported once. */
function reporter(rule: Rule, findings: Finding[], seen: Set<string>): (r: Report<string>) => void {
  return (r) => {
    const key = `${rule.id}\0${r.file}\0${r.range.startLine}:${r.range.startColumn}\0${r.messageId}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      precision: rule.precision,
      file: r.file,
      range: r.range,
      messageId: r.messageId,
      message: formatMessage((rule.messages as Record<string, string>)[r.messageId] ?? r.messageId, r.data),
      fix: r.fix ?? null,
      guide: rule.guide,
      related: (r.related ?? []).filter(
        (l) => l.file !== r.file || l.range.startLine !== r.range.startLine || l.range.startColumn !== r.range.startColumn,
      ),
    });
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Everything a run's findings depend on besides the rules' code (the tool version keys the
 * cache itself): the files and their content, the rules and their options, configured macros.
 */
function runKey(input: AuditInput, loaded: readonly Loaded[], buildFiles: readonly BuildFileFacts[], skipped: readonly Skipped[]): string {
  return hashOf(
    JSON.stringify({
      rules: input.rules.map((r) => r.id),
      options: input.options,
      macros: [...(input.macros ?? [])],
      files: loaded.map((l) => [l.source.file, l.hash]),
      buildFiles,
      skipped,
    }),
  );
}

interface FactsOutcome {
  facts: FileFacts[];
  notParsed: string[];
  /** Lexical defects a compiler would stop at, one note per kind and file. */
  notes: Diagnostic[];
  /** False when a file timed out or failed: such a run is not worth remembering. */
  complete: boolean;
}

/** A C file with no Python API token: it may be left unparsed (deferral.ts). */
function mayDefer({ source, text }: Loaded): boolean {
  return languageOf(source.file) === 'c' && grammarOf(source.file, text) === 'c' && !mentionsPythonApi(text);
}

/**
 * The files, among those that may be deferred, that name no Python API even through a project
 * macro: parsed only when needed. Those defining a name the other files seem to call (`name(`
 * in their text) are parsed at once with them: most are needed, and a large one found only in a
 * later round would leave the other lanes idle while it is parsed.
 */
function deferrable(loaded: readonly Loaded[], candidates: readonly number[], others: readonly number[], directives: readonly Directive[][]): Map<number, Outline> {
  const apiMacros = pythonMacros(directives.flat());
  const deferred = new Map<number, Outline>();
  const parsed = [...others];
  for (const i of candidates) {
    const shape = outline(loaded[i].text);
    if (![...apiMacros].some((name) => shape.identifiers.has(name))) deferred.set(i, shape);
    else parsed.push(i);
  }
  const called = calledNames(parsed.map((i) => loaded[i].text));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [i, shape] of deferred) {
      if (![...shape.definitions].some((name) => called.has(name))) continue;
      deferred.delete(i);
      for (const name of calledNames([loaded[i].text])) called.add(name);
      grew = true;
    }
  }
  return deferred;
}

/**
 * Facts for every loaded file: from the cache where the file's bytes and the project's macro
 * table are unchanged, else parsed (in workers when the scan is big enough) and stored. A C file
 * that names no Python API is parsed only once parsed code reaches it (deferral.ts), in rounds.
 */
async function fileFacts(input: AuditInput, loaded: readonly Loaded[], skipped: Skipped[]): Promise<FactsOutcome> {
  const cached = loaded.map((l) => input.cache?.file(l.hash) ?? null);
  // One lexical pass gives a file's directives and its defects; the cache holds both.
  const scans: (CachedFile | SourceScan)[] = loaded.map((l, i) => cached[i] ?? scanSource(l.text));
  const directives = scans.map((scan) => scan.directives);
  const defects: string[][] = [];
  // Cython is not C: its docstrings and comments would read as unterminated literals.
  const defectsOf = (i: number) => {
    const scan = scans[i];
    return (defects[i] ??= 'defects' in scan ? scan.defects : languageOf(loaded[i].source.file) === 'cython' ? [] : sourceDefects(loaded[i].text, scan));
  };
  const macros = macroTable(annotationMacros(directives.flat()), input.macros ?? new Map(), wrapperMacros(directives.flat()));
  const macroKey = hashOf(JSON.stringify([...macros]));
  const inherited = inheritedByFile(loaded.map((l) => ({ file: l.source.file, text: l.text })), directives);
  lap(input.timings, 'directives and macro table');
  // A file's facts hold only with the macro table and what it inherits from its headers; the
  // same bytes parse differently as C and as C++, so the file's language is part of the key too.
  const factsKey = (l: Loaded, i: number) => `${macroKey}:${hashOf(JSON.stringify(inherited[i]))}:${languageOf(l.source.file)}`;
  const outcomes: (Outcome | null)[] = loaded.map((l, i) => {
    const stored = cached[i]?.facts;
    return stored?.contextKey === factsKey(l, i) ? { kind: 'facts', facts: { file: l.source.file, ...stored.facts } } : null;
  });
  const missing = loaded.flatMap((_, i) => (outcomes[i] === null ? [i] : []));
  let done = loaded.length - missing.length;
  input.progress?.(done, loaded.length);
  const pool = analysisPool(macros, input.jobs ?? 1);
  const analyse = async (indexes: readonly number[]) => {
    const tasks: AnalysisTask[] = indexes.map((at, index) => ({ index, file: loaded[at].source.file, text: loaded[at].text, directives: directives[at], externs: inherited[at].externs, inherited: inherited[at].macros }));
    const analysed = await pool.analyse(tasks, () => input.progress?.(++done, loaded.length));
    analysed.forEach((outcome, i) => {
      const at = indexes[i];
      outcomes[at] = outcome;
      if (outcome.kind !== 'facts') return;
      const { file: _file, ...facts } = outcome.facts;
      input.cache?.storeFile(loaded[at].hash, { directives: directives[at], defects: defectsOf(at), facts: { contextKey: factsKey(loaded[at], at), facts } });
    });
  };
  const candidates = input.parseAll ? [] : missing.filter((i) => mayDefer(loaded[i]));
  const maybe = new Set(candidates);
  const surely = missing.filter((i) => !maybe.has(i));
  const unparsed = new Map<number, FileFacts>();
  try {
    // The deferral is worked out while the workers parse the files that name the API.
    const first = analyse(surely);
    // Read while the workers parse, not before they start.
    loaded.forEach((_, i) => defectsOf(i));
    const deferred = deferrable(loaded, candidates, surely, directives);
    for (const i of deferred.keys()) unparsed.set(i, unparsedFacts(loaded[i].source.file, loaded[i].text, directives[i], blankSpans(loaded[i].text, deadSpans(directives[i], 'c'))));
    await Promise.all([first, analyse(candidates.filter((i) => !deferred.has(i)))]);
    lap(input.timings, 'parse and facts, on all lanes, and the deferral');
    const wanted = wantedNames(outcomes.flatMap((o, i) => (o?.kind === 'facts' ? o.facts.defines : (unparsed.get(i)?.defines ?? []))));
    for (const outcome of outcomes) if (outcome?.kind === 'facts') addParsed(wanted, outcome.facts);
    for (const pending = new Map(deferred); pending.size > 0; ) {
      const round = needed(pending, wanted);
      if (round.length === 0) break;
      await analyse(round);
      for (const i of round) {
        pending.delete(i);
        const outcome = outcomes[i];
        if (outcome?.kind === 'facts') addParsed(wanted, outcome.facts);
      }
    }
  } finally {
    pool.close();
  }
  lap(input.timings, 'later rounds: files reached from parsed code');
  const notParsed: string[] = [];
  for (const [i, facts] of unparsed) {
    if (outcomes[i] !== null) continue;
    outcomes[i] = { kind: 'facts', facts };
    notParsed.push(facts.file);
    input.cache?.storeFile(loaded[i].hash, { directives: directives[i], defects: defectsOf(i) });
  }
  input.progress?.(loaded.length, loaded.length);
  const facts: FileFacts[] = [];
  let complete = true;
  outcomes.forEach((outcome, i) => {
    const { source, text } = loaded[i];
    if (outcome?.kind === 'facts') {
      facts.push(outcome.facts);
      return;
    }
    complete = false;
    skipped.push(
      outcome?.kind === 'timeout'
        ? { file: source.file, reason: `parsing took longer than ${(parseBudgetMs(text.length) / 1000).toFixed(0)} s (pathological input)` }
        : // A bug of ours on one file must not cost the user the audit of the others.
          { file: source.file, reason: `internal error, please report it: ${outcome?.kind === 'error' ? outcome.message : 'no outcome'}` },
    );
  });
  const notes = loaded.flatMap((l, i) => defectsOf(i).map((message) => ({ file: l.source.file, message })));
  return { facts, notParsed, notes, complete };
}

function runRules(input: AuditInput, facts: readonly FileFacts[], buildFiles: BuildFileFacts[]): Omit<CachedRun, 'notes' | 'notParsed'> {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  // The project pass leaves out headers that only dead branches include: no rule judges them.
  const project = projectFacts([...facts], buildFiles);
  lap(input.timings, 'project pass');
  for (const fileFacts of project.files) {
    for (const rule of input.rules) {
      if (rule.scope === 'file') timeRule(input.timings, rule.id, () => rule.check(fileFacts, { options: input.options, report: reporter(rule, findings, seen) }));
    }
  }
  for (const rule of input.rules) {
    if (rule.scope === 'project') timeRule(input.timings, rule.id, () => rule.check(project, { options: input.options, report: reporter(rule, findings, seen) }));
  }
  lap(input.timings, 'rules');
  return { findings, modules: project.modules, bindings: project.bindings };
}

export async function audit(input: AuditInput): Promise<AuditResult> {
  const skipped: Skipped[] = [];
  const diagnostics: Diagnostic[] = [];
  // Sequential synchronous reads: the parse that follows each read dominates, and async reads only add idle time.
  const read = input.read ?? (async (p: string) => readFileSync(p));
  const sources = input.files.filter((f) => f.kind !== 'build');
  const loaded = await load(sources, read, input.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, skipped, diagnostics);
  const buildFiles: BuildFileFacts[] = [];
  for (const f of input.files.filter((x) => x.kind === 'build')) {
    try {
      const decoded = decode(await read(f.path));
      if (decoded.ok) buildFiles.push(buildFileFacts(f.file, decoded.text));
    } catch (error) {
      skipped.push({ file: f.file, reason: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    }
  }
  lap(input.timings, 'read and decode');
  const key = input.cache ? runKey(input, loaded, buildFiles, skipped) : '';
  let run = input.cache?.run(key) ?? null;
  if (run !== null) {
    input.progress?.(loaded.length, loaded.length);
    lap(input.timings, 'the whole run, from the cache');
  } else {
    const { facts, notParsed, notes, complete } = await fileFacts(input, loaded, skipped);
    run = { ...runRules(input, facts, buildFiles), notes, notParsed };
    if (complete) input.cache?.storeRun(key, run);
  }
  const { findings, modules, bindings } = run;
  diagnostics.push(...run.notes);
  const comments = new Map(loaded.map((l) => [l.source.file, suppressionComments(l.text)]));
  const suppressions = new Map([...comments].map(([file, list]) => [file, suppressionsByLine(list)]));
  const kept = findings.filter((f) => !isSuppressed(f, suppressions.get(f.file))).sort(compareFindings);
  const suppressed = findings.filter((f) => isSuppressed(f, suppressions.get(f.file))).sort(compareFindings);
  // A suppression naming no known rule or category silences nothing: most likely a typo.
  const known = new Set(['*', ...input.rules.flatMap((r) => [r.id, r.category]), ...(input.knownRuleIds ?? [])]);
  for (const [file, list] of comments) {
    for (const comment of list) {
      for (const id of comment.ids.filter((i) => !known.has(i))) {
        diagnostics.push({ file, message: `line ${comment.line}: cext-audit: ignore[${id}] names no known rule or category` });
      }
      if (!input.reportUnusedSuppressions) continue;
      const silenced = suppressed.some(
        (f) => f.file === file && (f.range.startLine === comment.line || f.range.startLine === comment.line + 1) && isSuppressed(f, suppressionsByLine([comment])),
      );
      if (!silenced) diagnostics.push({ file, message: `line ${comment.line}: this cext-audit: ignore[${comment.ids.join(', ')}] silences nothing` });
      else if (comment.ids.includes('*')) diagnostics.push({ file, message: `line ${comment.line}: a blanket cext-audit: ignore; name the rules it is meant for` });
    }
  }
  skipped.sort((a, b) => (a.file < b.file ? -1 : 1));
  const whole: AuditResult = {
    findings: kept,
    suppressed,
    modules: readiness(modules, bindings, kept),
    skipped,
    diagnostics,
    filesAudited: loaded.length,
    notParsed: run.notParsed,
    parts: { modules, bindings },
  };
  lap(input.timings, 'suppressions and readiness');
  return input.focus === undefined ? whole : focused(whole, input.focus, loaded);
}

/** The result for the named files only; a finding on a part of a module a named file also holds (its slot array elsewhere) stays. */
function focused(whole: AuditResult, focus: ReadonlySet<string>, loaded: readonly Loaded[]): AuditResult {
  const inFocus = <T extends { file: string }>(list: T[]) => list.filter((x) => focus.has(x.file));
  const concerns = (f: Finding) => focus.has(f.file) || f.related.some((r) => focus.has(r.file));
  return {
    findings: whole.findings.filter(concerns),
    suppressed: whole.suppressed.filter(concerns),
    modules: whole.modules.filter((m) => m.files.some((f) => focus.has(f))),
    skipped: inFocus(whole.skipped),
    diagnostics: inFocus(whole.diagnostics),
    filesAudited: inFocus(loaded.map((l) => l.source)).length,
    notParsed: whole.notParsed.filter((f) => focus.has(f)),
    parts: whole.parts,
  };
}

