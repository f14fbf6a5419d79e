/**
 * `npm run bench -- [--runs N] [--synthetic COPIES] DIR…`: measures, on the same files in the
 * same run, tree-sitter parsing alone (read + decode + parse, one thread) against the full
 * audit (every rule) on one thread, on all workers, cold and warm from the cache, and at four
 * corpus sizes for the growth per MB; and, as the ceiling of the workers' speed-up, as many
 * single-thread audits as there are cores, run at once in separate processes. Each measurement
 * runs in its own child process, so peak RSS is its own; times are the best of --runs. With `@ast-grep/cli` installed, ast-grep
 * scanning the same files for the borrowed-reference calls is timed beside the whole CLI.
 * Prints numbers, asserts nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { discover } from '../src/discover.js';
import { defaultJobs } from '../src/engine/analysis.js';
import { diskCache } from '../src/engine/cache.js';
import { loadRules } from '../src/engine/registry.js';
import { audit, type SourceFile } from '../src/engine/runner.js';
import { DEFAULT_MIN_PYTHON, DEFAULT_TARGET_PYTHON } from '../src/python-version.js';
import { decode } from '../src/source/decode.js';
import { parse } from '../src/source/parse.js';
import { codeHash, VERSION } from '../src/version.js';

type Mode = 'parse' | 'audit' | 'audit-workers' | 'cold' | 'warm';

interface Measurement {
  ms: number;
  maxRssMb: number;
  files: number;
  bytes: number;
  findings: number;
  /** Files the audit read for their directives alone (see src/engine/deferral.ts), and their bytes. */
  notParsed: number;
  notParsedBytes: number;
}

interface ChildRequest {
  mode: Mode;
  dirs: string[];
  /** Audit only this fraction of the files (by size, in discovery order), for the growth measure. */
  fraction: number;
  cacheDir: string;
}

const BIN = fileURLToPath(new URL('../../bin/cext-audit.js', import.meta.url));
/** The calls the borrowed-reference rules look for: what ast-grep is asked to find. */
const BORROWED = [
  'PyList_GetItem', 'PyList_GET_ITEM', 'PyDict_GetItem', 'PyDict_GetItemWithError', 'PyDict_GetItemString', 'PyDict_SetDefault',
  'PyWeakref_GetObject', 'PyWeakref_GET_OBJECT', 'PyImport_AddModule', 'PyImport_AddModuleObject', 'PyCell_GET',
  'PyEval_GetGlobals', 'PyEval_GetLocals', 'PyEval_GetBuiltins', 'PySequence_Fast_GET_ITEM', 'PySequence_Fast_ITEMS',
];

function prefix(files: SourceFile[], fraction: number): SourceFile[] {
  if (fraction >= 1) return files;
  const sizes = files.map((f) => statSync(f.path).size);
  const limit = sizes.reduce((a, b) => a + b, 0) * fraction;
  let total = 0;
  return files.filter((_, i) => (total += sizes[i]) <= limit);
}

async function measure(request: ChildRequest): Promise<Measurement> {
  const files = prefix(discover({ paths: request.dirs, include: [], exclude: [], cwd: process.cwd() }), request.fraction);
  const bytes = files.reduce((n, f) => n + statSync(f.path).size, 0);
  const rules = await loadRules();
  let findings = 0;
  let notParsed: string[] = [];
  const start = performance.now();
  if (request.mode === 'parse') {
    for (const f of files) {
      const decoded = decode(readFileSync(f.path));
      if (decoded.ok) parse(decoded.text);
    }
  } else {
    const jobs = request.mode === 'audit' ? 1 : defaultJobs();
    const cache = request.mode === 'cold' || request.mode === 'warm' ? diskCache(request.cacheDir, `${VERSION}-${codeHash()}`) : undefined;
    const result = await audit({ files, rules, options: { minPython: DEFAULT_MIN_PYTHON, targetPython: DEFAULT_TARGET_PYTHON }, jobs, cache });
    findings = result.findings.length;
    notParsed = result.notParsed;
  }
  const ms = performance.now() - start;
  const unread = new Set(notParsed);
  const notParsedBytes = files.filter((f) => unread.has(f.file)).reduce((n, f) => n + statSync(f.path).size, 0);
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, files: files.length, bytes, findings, notParsed: notParsed.length, notParsedBytes };
}

function child(request: ChildRequest): Measurement {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(request)], { encoding: 'utf8', maxBuffer: 2 ** 26 });
  if (run.status !== 0) throw new Error(`bench child (${request.mode}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Measurement;
}

/** The same request in `count` processes at once: what the machine gives when nothing is shared or sent. */
async function together(request: ChildRequest, count: number): Promise<Measurement[]> {
  const one = () =>
    new Promise<Measurement>((resolve, reject) => {
      const run = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(request)]);
      let stdout = '';
      let stderr = '';
      run.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      run.on('close', (status) => (status === 0 ? resolve(JSON.parse(stdout) as Measurement) : reject(new Error(`bench child (${request.mode}) failed: ${stderr}`))));
    });
  return Promise.all(Array.from({ length: count }, one));
}

function best(all: Measurement[]): Measurement {
  return { ...all.reduce((a, b) => (b.ms < a.ms ? b : a)), maxRssMb: Math.max(...all.map((m) => m.maxRssMb)) };
}

/** Wall time of a whole command, best of `runs`, with what it printed on the last run. */
function wall(command: string, args: string[], runs: number): { ms: number; stdout: string } {
  let ms = Infinity;
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 2 ** 28 });
    ms = Math.min(ms, performance.now() - start);
    stdout = run.stdout;
  }
  return { ms, stdout };
}

/** The ast-grep binary the dev dependency ships, if it is installed. */
function astGrep(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('@ast-grep/cli/package.json'));
    const binary = path.join(dir, 'ast-grep');
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Copies of every C fixture of ours, COPIES times over: a corpus that exists on any machine. */
function syntheticCorpus(copies: number): string {
  const fixtures = fileURLToPath(new URL('../../test-fixtures', import.meta.url));
  const root = mkdtempSync(path.join(os.tmpdir(), 'cext-audit-bench-'));
  for (let i = 0; i < copies; i++) {
    cpSync(fixtures, path.join(root, `copy${i}`), { recursive: true, filter: (f) => statSync(f).isDirectory() || /\.[ch]$/.test(f) });
  }
  return root;
}

/** Least-squares line through (MB, ms): the cost per MB and how straight the line is. */
function slope(points: { mb: number; ms: number }[]): { perMb: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.mb, 0) / n;
  const my = points.reduce((a, p) => a + p.ms, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.mb - mx) * (p.ms - my), 0);
  const sxx = points.reduce((a, p) => a + (p.mb - mx) ** 2, 0);
  const syy = points.reduce((a, p) => a + (p.ms - my) ** 2, 0);
  return { perMb: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) };
}

async function main(args: string[]): Promise<void> {
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
  };
  const runs = option('--runs', 3);
  const copies = option('--synthetic', 0);
  const dirs = copies > 0 ? [syntheticCorpus(copies), ...args] : args;
  if (dirs.length === 0 || !(runs >= 1)) {
    console.error('usage: npm run bench -- [--runs N] [--synthetic COPIES] DIR…');
    process.exit(2);
  }
  const cacheRoot = mkdtempSync(path.join(os.tmpdir(), 'cext-audit-bench-cache-'));
  const request = (mode: Mode, fraction = 1, cacheDir = cacheRoot): ChildRequest => ({ mode, dirs, fraction, cacheDir });
  const repeat = (mode: Mode) => best(Array.from({ length: runs }, () => child(request(mode))));
  const parseOnly = repeat('parse');
  const single = repeat('audit');
  const pooled = repeat('audit-workers');
  const jobs = defaultJobs();
  // The slowest of `jobs` single-thread audits run at once, best of --runs: the speed-up no pool can beat on this machine.
  let crowded = Infinity;
  for (let i = 0; i < runs; i++) crowded = Math.min(crowded, Math.max(...(await together(request('audit'), jobs)).map((m) => m.ms)));
  const coldRuns: Measurement[] = [];
  const warmRuns: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = path.join(cacheRoot, `run${i}`);
    coldRuns.push(child(request('cold', 1, dir)));
    warmRuns.push(child(request('warm', 1, dir)));
  }
  const cold = best(coldRuns);
  const warm = best(warmRuns);
  const growth = [0.25, 0.5, 0.75, 1].map((fraction) => {
    const m = best(Array.from({ length: runs }, () => child(request('audit', fraction))));
    return { fraction, mb: m.bytes / 2 ** 20, ms: m.ms, files: m.files };
  });

  const mb = parseOnly.bytes / 2 ** 20;
  const row = (name: string, m: Measurement) =>
    `${name.padEnd(30)} ${m.ms.toFixed(0).padStart(7)} ms  ${(m.files / (m.ms / 1000)).toFixed(0).padStart(6)} files/s  ${(mb / (m.ms / 1000)).toFixed(2).padStart(6)} MB/s  peak RSS ${m.maxRssMb.toFixed(0).padStart(5)} MB`;
  console.log(`cext-audit ${VERSION}: ${parseOnly.files} files, ${mb.toFixed(2)} MB, ${os.availableParallelism()} cores; best of ${runs} runs, each in its own process`);
  console.log(row('parse only (1 thread)', parseOnly));
  console.log(row('full audit (1 thread)', single));
  console.log(row(`full audit (${jobs} workers)`, pooled));
  console.log(row(`cold, writing the cache (${jobs} w.)`, cold));
  console.log(row('warm, from the cache', warm));
  console.log(`not parsed:           ${single.notParsed} files, ${(single.notParsedBytes / 2 ** 20).toFixed(2)} MB: no Python API, and nothing parsed reaches them`);
  console.log(`audit / parse-only:   ${(single.ms / parseOnly.ms).toFixed(2)}x time, ${(single.maxRssMb / parseOnly.maxRssMb).toFixed(2)}x peak RSS; ${single.findings} findings`);
  console.log(`workers speed-up:     ${(single.ms / pooled.ms).toFixed(2)}x with ${jobs} workers (${pooled.findings === single.findings ? 'same' : 'DIFFERENT'} findings)`);
  console.log(`machine ceiling:      ${((jobs * single.ms) / crowded).toFixed(2)}x: ${jobs} single-thread audits at once, in ${jobs} processes, take ${crowded.toFixed(0)} ms each`);
  console.log(`warm / cold:          ${((100 * warm.ms) / cold.ms).toFixed(1)} % (${warm.findings === cold.findings ? 'same' : 'DIFFERENT'} findings)`);
  const line = slope(growth);
  console.log(`growth (1 thread):    ${growth.map((g) => `${g.mb.toFixed(1)} MB ${g.ms.toFixed(0)} ms`).join(', ')}`);
  console.log(`                      ${line.perMb.toFixed(0)} ms per MB, r² = ${line.r2.toFixed(3)}`);

  const sg = astGrep();
  if (sg !== null) {
    const ruleFile = path.join(cacheRoot, 'borrowed.yml');
    writeFileSync(ruleFile, `id: borrowed\nlanguage: c\nrule:\n  kind: call_expression\n  has:\n    field: function\n    regex: ^(${BORROWED.join('|')})$\n`);
    const peer = wall(sg, ['scan', '--rule', ruleFile, '-j', String(jobs), '--json=stream', ...dirs], runs);
    const ours = wall(process.execPath, [BIN, '--no-cache', '-q', '-j', String(jobs), '--format', 'json', ...dirs], runs);
    const matches = peer.stdout.split('\n').filter((l) => l.trim() !== '').length;
    console.log(`ast-grep, borrowed-reference calls only (${jobs} threads): ${peer.ms.toFixed(0)} ms wall, ${matches} matches`);
    console.log(`cext-audit CLI, all rules (${jobs} workers, no cache):     ${ours.ms.toFixed(0)} ms wall; ratio ${(ours.ms / peer.ms).toFixed(2)}x`);
  } else {
    console.log('ast-grep: not installed (npm i -D @ast-grep/cli to compare)');
  }
  rmSync(cacheRoot, { recursive: true, force: true });
  if (copies > 0) rmSync(dirs[0], { recursive: true, force: true });
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  process.stdout.write(JSON.stringify(await measure(JSON.parse(argv[1]) as ChildRequest)));
} else {
  await main(argv);
}
