import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, it } from 'node:test';
import { loadRules } from '../src/engine/registry.js';
import type { Finding, RelatedLocation, Severity } from '../src/engine/rule.js';
import type { AuditResult } from '../src/engine/runner.js';
import { formatSarif, GITHUB_LIMITS } from '../src/report/sarif.js';
import { cli, DECLARED, project, UNDECLARED, UNGUARDED } from './support/cli.js';
import { multitool, schemaErrors, validate } from './support/sarif-validator.js';
import { tempDir } from './support/temp.js';

interface Sarif {
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        informationUri: string;
        rules: { id: string; name: string; helpUri: string; defaultConfiguration: { level: string }; properties: { tags: string[] } }[];
      };
    };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
      relatedLocations?: { id: number }[];
      suppressions?: { kind: string }[];
    }[];
  }[];
}

/**
 * Every log the tests write is kept here, named after its test, and Microsoft's validator reads
 * them all in one run at the end: it takes about a second to start, then half a second a log
 * and a millisecond a result.
 */
const LOGS = tempDir('sarif-logs-');
const written = new Map<string, string>();
let currentTest = '';
beforeEach((t) => {
  currentTest = t.name;
});

function keep(text: string, label = currentTest): void {
  const file = path.join(LOGS, `${written.size}.sarif`);
  writeFileSync(file, text);
  written.set(file, label);
}

function parsed(text: string): Sarif {
  const log = JSON.parse(text) as unknown;
  assert.deepEqual(schemaErrors(log), []);
  return log as Sarif;
}

function sarif(cwd: string, args: string[] = []): Sarif {
  const run = cli(['--format', 'sarif', ...args], { cwd });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  keep(run.stdout);
  return parsed(run.stdout);
}

describe('--format sarif', () => {
  it('writes a valid log whose results point at their rules, with %SRCROOT%-relative, encoded URIs', () => {
    const root = project({ 'src/my module.c': UNDECLARED, 'src/other.c': UNGUARDED.replace(/_speedups/g, '_o') });
    const log = sarif(root);
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'cext-audit');
    assert.equal(run.tool.driver.informationUri, 'https://github.com/cext-audit/cext-audit');
    assert.ok(run.invocations[0].executionSuccessful);
    assert.equal((run.invocations[0] as { workingDirectory?: { uri: string } }).workingDirectory?.uri, pathToFileURL(`${root}/`).href);
    assert.equal(run.results.length, 2);
    for (const result of run.results) {
      const rule = run.tool.driver.rules[result.ruleIndex];
      assert.equal(rule.id, result.ruleId);
      assert.match(rule.helpUri, /^https:\/\/docs\.python\.org\/3\.14\//);
      assert.equal(result.level, rule.defaultConfiguration.level);
    }
    const location = run.results[0].locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'src/my%20module.c', uriBaseId: '%SRCROOT%' });
    assert.equal(location.region.startLine, 5);
    assert.ok(run.results[0].relatedLocations?.length);
  });

  it('carries the verdict of every module in the run properties', () => {
    const log = sarif(project({ 'a/ok.c': DECLARED.replace(/_speedups/g, '_ok'), 'b/no.c': UNDECLARED })) as unknown as { runs: { properties: { modules: { name: string; verdict: string }[] } }[] };
    assert.deepEqual(
      log.runs[0].properties.modules.map((m) => [m.name, m.verdict]),
      [
        ['demo._ok', 'ready'],
        ['demo._speedups', 'not-declared'],
      ],
    );
  });

  it('keeps suppressed findings, marked as suppressed in source', () => {
    const source = UNDECLARED.replace('static PyModuleDef_Slot demo_slots[] = {', '/* cext-audit: ignore[module-missing-gil-slot] declared by the build */\nstatic PyModuleDef_Slot demo_slots[] = {');
    const log = sarif(project({ 'm.c': source }));
    const results = log.runs[0].results;
    assert.deepEqual(results.map((r) => [r.ruleId, r.suppressions]), [['module-missing-gil-slot', [{ kind: 'inSource' }]]]);
  });

  it('keeps fingerprints when unrelated lines are added above a finding', () => {
    const root = project({ 'm.c': UNDECLARED });
    const before = sarif(root).runs[0].results[0];
    writeFileSync(path.join(root, 'm.c'), `/* a new\n   header\n   comment */\n${UNDECLARED}`);
    const after = sarif(root).runs[0].results[0];
    assert.equal(after.locations[0].physicalLocation.region.startLine, before.locations[0].physicalLocation.region.startLine + 3);
    assert.deepEqual(after.partialFingerprints, before.partialFingerprints);
  });

  it('writes a complete log for a clean tree, and notifications for files it could not audit', () => {
    const clean = sarif(project({ 'README.md': 'nothing\n' })).runs[0];
    assert.deepEqual(clean.results, []);
    assert.ok(clean.tool.driver.rules.length > 20);
    // Code scanning shows only the first 10 tags of a rule (and rejects more than 20).
    assert.deepEqual(clean.tool.driver.rules.filter((r) => r.properties.tags.length > 10), []);
    assert.deepEqual(clean.invocations[0].toolExecutionNotifications, []);
    const skipped = sarif(project({ 'gen.c': `/* Generated by Cython 3.1.0 */\n${UNDECLARED}` })).runs[0];
    assert.match(skipped.invocations[0].toolExecutionNotifications[0].message.text, /gen\.c was not audited: generated by Cython/);
  });

  it('--sarif FILE writes the same log beside another format, and --sarif-category names the run', () => {
    const root = project({ 'ext/speedups.c': UNDECLARED });
    const run = cli(['--sarif', 'out.sarif', '--sarif-category', 'speedups', 'ext'], { cwd: root });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /module-missing-gil-slot/);
    const text = readFileSync(path.join(root, 'out.sarif'), 'utf8');
    keep(text);
    const log = parsed(text) as Sarif & { runs: { automationDetails?: { id: string } }[] };
    assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ['module-missing-gil-slot']);
    assert.equal(log.runs[0].automationDetails?.id, 'speedups/');
    const plain = sarif(root, ['ext']) as Sarif & { runs: { automationDetails?: unknown }[] };
    assert.equal(plain.runs[0].automationDetails, undefined);
  });

  it('--sarif into a directory that does not exist is a clear error, not a stack trace', () => {
    const run = cli(['--sarif', 'missing/dir/out.sarif'], { cwd: project({ 'a.c': UNDECLARED }) });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot write missing\/dir\/out\.sarif: ENOENT/);
    assert.doesNotMatch(run.stderr, /at .*\.js:\d+/);
  });
});

const RULES = await loadRules();

function ruleOf(severity: Severity) {
  const rule = RULES.find((r) => r.severity === severity);
  assert.ok(rule, `a rule of severity ${severity}`);
  return rule;
}

function finding(severity: Severity, file: string, line: number, options: { message?: string; related?: RelatedLocation[] } = {}): Finding {
  const rule = ruleOf(severity);
  return {
    ruleId: rule.id,
    category: rule.category,
    severity,
    precision: rule.precision,
    file,
    range: { startLine: line, startColumn: 1, endLine: line, endColumn: 10 },
    messageId: Object.keys(rule.messages)[0],
    message: options.message ?? `finding at ${file}:${line}`,
    fix: null,
    guide: rule.guide,
    related: options.related ?? [],
  };
}

function audited(findings: Finding[], suppressed: Finding[] = []): AuditResult {
  return { findings, suppressed, modules: [], skipped: [], diagnostics: [], filesAudited: 1, notParsed: [], parts: { modules: [], bindings: [] } };
}

function format(result: AuditResult): string {
  return formatSarif(result, RULES, { version: '0.1.0', source: () => null });
}

/**
 * The validator takes about a millisecond a result, half a minute for a log at the cap, so it
 * reads these logs cut to their first results; the schema check sees them whole.
 */
function keepHead(text: string, results: number): void {
  const log = JSON.parse(text) as Sarif;
  log.runs[0].results = log.runs[0].results.slice(0, results);
  keep(JSON.stringify(log, null, 2));
}

const notifications = (log: Sarif) => log.runs[0].invocations[0].toolExecutionNotifications;

describe('SARIF within GitHub code scanning upload limits', () => {
  it('past the results cap keeps the most severe, drops suppressed ones first, and says what it left out', () => {
    const cap = GITHUB_LIMITS.resultsPerRun;
    // Errors and warnings sort last by place, and the notes arrive in reverse: only severity puts them first.
    const errors = [1, 2, 3, 4, 5].map((line) => finding('error', 'src/z.c', line));
    const warnings = [1, 2, 3, 4, 5].map((line) => finding('warning', 'src/y.c', line));
    const notes = Array.from({ length: cap - 3 }, (_, i) => finding('note', `src/n${String(i).padStart(5, '0')}.c`, 1)).reverse();
    const suppressed = [1, 2, 3].map((line) => finding('error', 'src/s.c', line));
    const text = format(audited([...errors, ...warnings, ...notes], suppressed));
    const log = parsed(text);
    const results = log.runs[0].results;
    assert.equal(results.length, cap);
    assert.deepEqual(
      results.slice(0, 11).map((r) => [r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
      [
        ...[1, 2, 3, 4, 5].map((line) => ['error', 'src/z.c', line]),
        ...[1, 2, 3, 4, 5].map((line) => ['warning', 'src/y.c', line]),
        ['note', 'src/n00000.c', 1],
      ],
    );
    assert.equal(results.at(-1)?.locations[0].physicalLocation.artifactLocation.uri, `src/n${String(cap - 11).padStart(5, '0')}.c`);
    assert.deepEqual(results.filter((r) => r.suppressions), []);
    assert.deepEqual(notifications(log), [
      {
        level: 'warning',
        message: {
          text: `Only the ${cap} most severe results of ${cap + 10} are in this log (left out: 7 notes, 3 suppressed): GitHub code scanning rejects a run with more than ${cap} results. Audit fewer files or select fewer rules to see the rest.`,
        },
      },
    ]);
    keepHead(text, 20);
  });

  it('keeps every result up to the cap itself, with no notification', () => {
    const cap = GITHUB_LIMITS.resultsPerRun;
    const log = parsed(format(audited(Array.from({ length: cap }, (_, i) => finding('note', 'src/a.c', i + 1)))));
    assert.equal(log.runs[0].results.length, cap);
    assert.deepEqual(notifications(log), []);
  });

  it('caps related locations so that no result has more than the locations limit', () => {
    const related = Array.from({ length: 1500 }, (_, i) => ({ file: 'src/b.c', range: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: 2 }, message: `part ${i}` }));
    const text = format(audited([finding('warning', 'src/a.c', 1, { related }), finding('error', 'src/a.c', 2, { related: related.slice(0, 3) })]));
    const log = parsed(text);
    const [error, warning] = log.runs[0].results;
    assert.deepEqual(error.relatedLocations?.map((r) => r.id), [0, 1, 2]);
    assert.equal(warning.relatedLocations?.length, GITHUB_LIMITS.locationsPerResult - 1);
    assert.equal(warning.relatedLocations?.at(-1)?.id, GITHUB_LIMITS.locationsPerResult - 2);
    assert.deepEqual(notifications(log), [
      {
        level: 'warning',
        message: {
          text: `1 result had more than 999 related locations; only the first 999 of each are in this log: GitHub code scanning rejects a result with more than 1000 locations.`,
        },
      },
    ]);
    keep(text);
  });

  it('leaves out the least severe results when the compressed log would pass the upload size limit', () => {
    // Digests do not compress: 4,000 results of 4 kB each are about 12 MB gzip-compressed.
    const noise = (i: number) => Array.from({ length: 48 }, (_, k) => createHash('sha512').update(`${i}:${k}`).digest('base64')).join('');
    const notes = Array.from({ length: 3990 }, (_, i) => finding('note', `src/n${String(i).padStart(4, '0')}.c`, 1, { message: noise(i) }));
    const errors = Array.from({ length: 10 }, (_, i) => finding('error', 'src/z.c', i + 1, { message: noise(-i - 1) }));
    const text = format(audited([...notes, ...errors]));
    const compressed = gzipSync(text).length;
    assert.ok(compressed <= GITHUB_LIMITS.gzipBytes, `${compressed} bytes compressed`);
    assert.ok(compressed > GITHUB_LIMITS.gzipBytes * 0.85, `${compressed} bytes compressed: more results would have fitted`);
    const log = parsed(text);
    const kept = log.runs[0].results.length;
    assert.ok(kept > 10 && kept < 4000, `${kept} results kept`);
    assert.deepEqual(log.runs[0].results.slice(0, 10).map((r) => r.level), Array(10).fill('error'));
    assert.deepEqual(notifications(log), [
      {
        level: 'warning',
        message: {
          text: `Only the ${kept} most severe results of 4000 are in this log (left out: ${4000 - kept} notes): GitHub code scanning rejects a log larger than 10 MB compressed. Audit fewer files or select fewer rules to see the rest.`,
        },
      },
    ]);
    keepHead(text, 20);
  });
});

describe("Microsoft's SARIF multitool", () => {
  it('reports no error and no warning on any log written above, and does report a log without informationUri', (t) => {
    const tool = multitool();
    if ('skip' in tool) {
      t.skip(tool.skip);
      return;
    }
    assert.ok(written.size > 0, 'run the whole file: this test validates the logs the tests above wrote');
    // A log the validator must object to, so that a validator that reports nothing cannot pass.
    const canary = JSON.parse(readFileSync([...written.keys()][0], 'utf8')) as { runs: { tool: { driver: { informationUri?: string } } }[] };
    delete canary.runs[0].tool.driver.informationUri;
    keep(JSON.stringify(canary), 'canary');
    // Accepted, and not reported at these levels, are the validator's notes: SARIF2002 (message ids
    // instead of text: code scanning shows text), SARIF2003 (versionControlProvenance: upload-sarif
    // sends the commit), SARIF2009 (rule ids in the tool-prefix-and-number style: ours are kebab-case
    // and stable forever), SARIF2010 and SARIF2011 (snippets and context regions: code scanning reads
    // the source itself). SARIF2006 (every helpUri fetched over HTTP) is turned off: see the validator.
    const reported = validate(tool.path, [...written.keys()]).map((r) => `${written.get(r.file) ?? r.file}: ${r.level} ${r.ruleId} ${r.message}`);
    assert.deepEqual(reported, [
      "canary: warning SARIF2005 runs[0].tool.driver: The tool 'cext-audit' does not provide 'informationUri'. This property helps the developer responsible for addessing a result by providing a way to learn more about the tool.",
    ]);
  });
});
