/**
 * `npm run bench -- DIR…`: times, on the same files in the same run, tree-sitter parsing alone
 * (read + decode + parse, one thread) against the full audit (all rules), each mode in its own
 * child process so peak RSS is its own; best of --runs. Prints numbers, asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discover } from '../src/discover.js';
import { loadRules } from '../src/engine/registry.js';
import { audit } from '../src/engine/runner.js';
import { defaultJobs } from '../src/engine/analysis.js';
import { DEFAULT_MIN_PYTHON, DEFAULT_TARGET_PYTHON } from '../src/python-version.js';
import { decode } from '../src/source/decode.js';
import { parse } from '../src/source/parse.js';

type Mode = 'parse' | 'audit' | 'audit-workers';

interface Measurement {
  ms: number;
  maxRssMb: number;
  files: number;
  bytes: number;
  findings: number;
}

async function measure(mode: Mode, dirs: string[]): Promise<Measurement> {
  const files = await discover({ paths: dirs, include: [], exclude: [], cwd: process.cwd() });
  const bytes = files.reduce((n, f) => n + readFileSync(f.path).length, 0);
  let findings = 0;
  const start = performance.now();
  if (mode === 'parse') {
    for (const f of files) {
      const decoded = decode(readFileSync(f.path));
      if (decoded.ok) parse(decoded.text);
    }
  } else {
    const jobs = mode === 'audit-workers' ? defaultJobs() : 1;
    const result = await audit({ files, rules: await loadRules(), options: { minPython: DEFAULT_MIN_PYTHON, targetPython: DEFAULT_TARGET_PYTHON }, jobs });
    findings = result.findings.length;
  }
  const ms = performance.now() - start;
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, files: files.length, bytes, findings };
}

function child(mode: Mode, dirs: string[]): Measurement {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, ...dirs], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bench child (${mode}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Measurement;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(await measure(args[1] as Mode, args.slice(2))));
} else {
  const runsFlag = args.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(args.splice(runsFlag, 2)[1]) : 3;
  const dirs = args;
  if (dirs.length === 0) {
    console.error('usage: npm run bench -- [--runs N] DIR…');
    process.exit(2);
  }
  const best = (mode: Mode) => {
    const all = Array.from({ length: runs }, () => child(mode, dirs));
    return { ...all.reduce((a, b) => (b.ms < a.ms ? b : a)), maxRssMb: Math.max(...all.map((m) => m.maxRssMb)) };
  };
  const parseOnly = best('parse');
  const full = best('audit');
  const pooled = best('audit-workers');
  const mb = parseOnly.bytes / 2 ** 20;
  const row = (name: string, m: Measurement) =>
    `${name.padEnd(22)} ${m.ms.toFixed(0).padStart(7)} ms  ${(m.files / (m.ms / 1000)).toFixed(0).padStart(6)} files/s  ${(mb / (m.ms / 1000)).toFixed(2).padStart(6)} MB/s  peak RSS ${m.maxRssMb.toFixed(0)} MB`;
  console.log(`${parseOnly.files} files, ${mb.toFixed(2)} MB; best of ${runs} runs, each mode in its own process`);
  console.log(row('parse only (1 thread)', parseOnly));
  console.log(row('full audit (1 thread)', full));
  console.log(row(`full audit (${defaultJobs()} workers)`, pooled));
  console.log(`audit / parse-only: ${(full.ms / parseOnly.ms).toFixed(2)}x time, ${(full.maxRssMb / parseOnly.maxRssMb).toFixed(2)}x peak RSS; ${full.findings} findings`);
  console.log(`workers speed-up: ${(full.ms / pooled.ms).toFixed(2)}x (${pooled.findings === full.findings ? 'same' : 'DIFFERENT'} findings)`);
}
