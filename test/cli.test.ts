import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { cli, DECLARED, project, UNDECLARED, UNGUARDED } from './support/cli.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

function json(stdout: string): { findings: { ruleId: string; file: string; startLine: number; severity: string }[]; modules: { name: string; declared: string; initStyle: string }[]; skipped: { file: string; reason: string }[]; minPython: string } {
  const report = JSON.parse(stdout) as unknown;
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  return report as ReturnType<typeof json>;
}

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('cext-audit scan', () => {
  it('reports an undeclared module with a code frame, the fix and the guide, and exits 1', () => {
    const root = project({ 'src/demo/_speedups.c': UNDECLARED });
    const run = cli([], { cwd: root });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^src\/demo\/_speedups\.c:5:25: error\[module-missing-gil-slot\] module "demo\._speedups" does not declare free-threading support/m);
    assert.match(run.stdout, /> 5 \| static PyModuleDef_Slot demo_slots\[\] = \{\n {4}\| {25}\^{10}\n/);
    assert.match(run.stdout, /= fix: Add before the \{0, NULL\} terminator \(line 7\):\n\s+#ifdef Py_mod_gil\n\s+\{Py_mod_gil, Py_MOD_GIL_NOT_USED\},\n\s+#endif/);
    assert.match(run.stdout, /= see: https:\/\/docs\.python\.org\/3\.14\/howto\/free-threading-extensions\.html#multi-phase-initialization/);
    assert.match(run.stdout, /demo\._speedups +multi-phase +no +not-declared +1 error +src\/demo\/_speedups\.c/);
    assert.match(run.stdout, /Found 1 error in 1 file\.\n$/);
  });

  it('is silent and exits 0 once the module declares Py_MOD_GIL_NOT_USED', () => {
    const run = cli(['.'], { cwd: project({ 'm.c': DECLARED }) });
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /_speedups +multi-phase +yes +ready +no findings/);
    assert.match(run.stdout, /No findings in 1 file\./);
  });

  it('writes JSON that follows the documented schema', () => {
    const root = project({ 'a.c': UNDECLARED, 'b/b.c': UNGUARDED.replace(/_speedups/g, '_b') });
    const run = cli(['--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    const report = json(run.stdout);
    assert.deepEqual(
      report.findings.map((f) => [f.ruleId, f.file, f.startLine, f.severity]),
      [
        ['module-missing-gil-slot', 'a.c', 5, 'error'],
        ['gil-slot-unguarded', 'b/b.c', 7, 'warning'],
      ],
    );
    assert.deepEqual(
      report.modules.map((m) => [m.name, m.initStyle, m.declared]),
      [
        ['demo._b', 'multi-phase', 'yes'],
        ['demo._speedups', 'multi-phase', 'no'],
      ],
    );
    assert.equal(report.minPython, '3.9');
  });

  it('writes a complete, valid report for a tree with nothing to audit', () => {
    const run = cli(['--format', 'json'], { cwd: project({ 'README.md': '# nothing\n' }) });
    assert.equal(run.status, 0);
    assert.deepEqual(json(run.stdout).findings, []);
    assert.match(run.stderr, /no C, C\+\+ or Cython sources found/);
  });

  it('reads [tool.cext-audit] and requires-python from the nearest pyproject.toml', () => {
    const root = project({
      'pyproject.toml': '[project]\nname = "demo"\nrequires-python = ">=3.13"\n',
      'src/m.c': UNGUARDED,
      'src/other.c': UNDECLARED.replace(/_speedups/g, '_other'),
    });
    const fromSubdir = cli(['--format', 'json', '.'], { cwd: path.join(root, 'src') });
    assert.deepEqual(json(fromSubdir.stdout).findings.map((f) => f.ruleId), ['module-missing-gil-slot'], 'no unguarded warning when 3.13 is the minimum');
    assert.equal(json(fromSubdir.stdout).minPython, '3.13');

    const flagWins = cli(['--format', 'json', '--min-python', '3.10', 'src'], { cwd: root });
    assert.deepEqual(json(flagWins.stdout).findings.map((f) => f.ruleId).sort(), ['gil-slot-unguarded', 'module-missing-gil-slot']);

    const configured = project({
      'pyproject.toml': '[tool.cext-audit]\nignore = ["module-missing-gil-slot"]\nfail-on = "error"\n',
      'm.c': UNGUARDED,
      'other.c': UNDECLARED.replace(/_speedups/g, '_other'),
    });
    const run = cli(['--format', 'json'], { cwd: configured });
    assert.deepEqual(json(run.stdout).findings.map((f) => f.ruleId), ['gil-slot-unguarded']);
    assert.equal(run.status, 0, 'a warning does not fail with fail-on = "error"');
  });

  it('says why a module is unknown, in the text table, the JSON and the step summary', () => {
    const unresolved = UNDECLARED.replace('    {0, NULL}', '#ifdef Py_mod_gil\n    {Py_mod_gil, GENERATED_GIL_MODE},\n#endif\n    {0, NULL}');
    const root = project({ 'm.c': unresolved });
    const text = cli([], { cwd: root });
    assert.equal(text.status, 0, text.stdout);
    assert.match(text.stdout, /demo\._speedups +multi-phase +unknown +unknown +no findings +m\.c\n {2}demo\._speedups: unknown because the slot value GENERATED_GIL_MODE could not be resolved/);
    const report = JSON.parse(cli(['--format', 'json'], { cwd: root }).stdout) as { modules: { declared: string; unknownBecause?: string }[] };
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    assert.match(report.modules[0].unknownBecause ?? '', /^the slot value GENERATED_GIL_MODE could not be resolved/);
    const summary = path.join(root, 'summary.md');
    cli([], { cwd: root, env: { GITHUB_STEP_SUMMARY: summary } });
    assert.match(readFileSync(summary, 'utf8'), /\| demo\._speedups \| multi-phase \| unknown: the slot value GENERATED_GIL_MODE could not be resolved/);

    const declared = JSON.parse(cli(['--format', 'json'], { cwd: project({ 'm.c': DECLARED }) }).stdout) as { modules: object[] };
    assert.ok(!('unknownBecause' in declared.modules[0]), 'only unknown modules carry a reason');
  });

  it('takes min-python from python_requires in setup.cfg or setup.py, says where, and calls the default an assumption', () => {
    const fromSetupPy = cli(['src'], { cwd: project({ 'setup.py': 'setup(python_requires=">=3.13")\n', 'src/m.c': UNGUARDED }) });
    assert.match(fromSetupPy.stdout, /min-python 3\.13 \(python_requires in \S+\/setup\.py\):/);
    assert.doesNotMatch(fromSetupPy.stdout, /gil-slot-unguarded/);

    const fromSetupCfg = cli([], { cwd: project({ 'setup.cfg': '[options]\npython_requires = >=3.11\n', 'setup.py': 'setup(python_requires=">=3.13")\n', 'm.c': UNGUARDED }) });
    assert.match(fromSetupCfg.stdout, /the project supports Python 3\.11 and later/);
    assert.match(fromSetupCfg.stdout, /min-python 3\.11 \(python_requires in \S+\/setup\.cfg\):/);

    const assumed = cli([], { cwd: project({ 'm.c': UNGUARDED }) });
    assert.match(assumed.stdout, /warning\[gil-slot-unguarded\] .*\(no requires-python found; assuming 3\.9, set requires-python or --min-python\)/);
    assert.doesNotMatch(assumed.stdout, /the project supports Python/);
    assert.match(assumed.stdout, /min-python 3\.9 \(default: no requires-python or python_requires found\):/);
  });

  it('takes --select and --ignore by rule id or category', () => {
    const root = project({ 'm.c': UNGUARDED, 'other.c': UNDECLARED.replace(/_speedups/g, '_other') });
    const ids = (args: string[]) => json(cli(['--format', 'json', ...args], { cwd: root }).stdout).findings.map((f) => f.ruleId);
    assert.deepEqual(ids(['--select', 'gil-slot-unguarded']), ['gil-slot-unguarded']);
    assert.deepEqual(ids(['--ignore', 'module-declaration']), []);
    assert.deepEqual(ids(['--select', 'module-declaration', '--ignore', 'gil-slot-unguarded,module-gil-used']), ['module-missing-gil-slot']);
    assert.deepEqual(ids(['--select', 'gil-slot-unguarded', '--select', 'module-missing-gil-slot']).sort(), ['gil-slot-unguarded', 'module-missing-gil-slot']);
    assert.deepEqual(ids(['--select', 'gil-slot-unguarded', '.']), ['gil-slot-unguarded'], 'a path after --select is a path');
    assert.deepEqual(ids(['--exclude', 'other.c', 'm.c', 'other.c']), ['gil-slot-unguarded', 'module-missing-gil-slot'], 'named files are audited');
  });

  it('exits by --fail-on', () => {
    const root = project({ 'm.c': UNGUARDED });
    assert.equal(cli([], { cwd: root }).status, 1, 'a warning fails by default');
    assert.equal(cli(['--fail-on', 'error'], { cwd: root }).status, 0);
    assert.equal(cli(['--fail-on', 'never'], { cwd: project({ 'm.c': UNDECLARED }) }).status, 0);
  });

  it('writes the report to --output and nothing to stdout', () => {
    const root = project({ 'm.c': UNDECLARED });
    const run = cli(['--output', 'report.json', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.equal(json(readFileSync(path.join(root, 'report.json'), 'utf8')).findings.length, 1);
  });

  it('warns about a suppression that names no known rule', () => {
    const root = project({ 'm.c': DECLARED.replace('static int exec_module', '/* cext-audit: ignore[borowed-dict-item] typo */\nstatic int exec_module') });
    const run = cli([], { cwd: root });
    assert.equal(run.status, 0);
    assert.match(run.stderr, /m\.c: line 3: cext-audit: ignore\[borowed-dict-item\] names no known rule or category/);
  });

  it('reports suppressions that silence nothing, and blanket ones, when asked', () => {
    const source = UNDECLARED.replace('static PyModuleDef_Slot demo_slots[] = {', '// cext-audit: ignore\nstatic PyModuleDef_Slot demo_slots[] = {').replace(
      'static int exec_module',
      '/* cext-audit: ignore[borrowed-dict-item] no longer needed */\nstatic int exec_module',
    );
    const root = project({ 'm.c': source });
    const quiet = cli([], { cwd: root });
    assert.equal(quiet.status, 0);
    assert.doesNotMatch(quiet.stderr, /silences nothing/);
    const run = cli(['--report-unused-suppressions'], { cwd: root });
    assert.match(run.stderr, /m\.c: line 3: this cext-audit: ignore\[borrowed-dict-item\] silences nothing/);
    assert.match(run.stderr, /m\.c: line 6: a blanket cext-audit: ignore; name the rules/);
  });

  it('colours only when asked or on a terminal', () => {
    const root = project({ 'm.c': UNDECLARED });
    const ansi = /\u001b\[/;
    assert.doesNotMatch(cli([], { cwd: root }).stdout, ansi, 'not a TTY');
    assert.match(cli([], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout, ansi);
    assert.doesNotMatch(cli(['--no-color'], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout, ansi);
    assert.match(cli(['--color'], { cwd: root, env: { NO_COLOR: '1' } }).stdout, ansi);
  });
});

describe('readiness verdicts', () => {
  const module = (name: string, extra = '') => DECLARED.replace(/_speedups/g, name).replace('static int exec_module', `${extra}\nstatic int exec_module`);
  const files = {
    'a/ready.c': module('ready'),
    'b/risky.c': module('risky', 'static PyObject *get(PyObject *self, PyObject *d) { return PyDict_GetItem(d, self); }'),
    'c/broken.c': module('broken', 'static int shared(PyObject *o) { return o->ob_refcnt == 1; }'),
    'd/undeclared.c': UNDECLARED.replace(/_speedups/g, 'undeclared'),
    'e/keep.pyx': '# cython: freethreading_compatible=False\ndef f():\n    pass\n',
    'f/setup.py': 'from setuptools import Extension, setup\nsetup(ext_modules=[Extension("lim", ["lim.c"], py_limited_api=True)])\n',
    'f/lim.c': module('lim'),
    // A deprecation leaves the code safe: the module is still ready.
    'g/old.c': module('old', 'static PyObject *json(PyObject *self, PyObject *unused) { return PyImport_ImportModuleNoBlock("json"); }'),
  };

  it('gives every module one verdict, in the text table and in JSON', () => {
    const root = project(files);
    const report = json(cli(['--format', 'json'], { cwd: root }).stdout) as unknown as { modules: { name: string; verdict: string }[] };
    assert.deepEqual(
      report.modules.map((m) => [m.name, m.verdict]),
      [
        ['demo.broken', 'blocked'],
        ['demo.lim', 'blocked'],
        ['demo.old', 'ready'],
        ['demo.ready', 'ready'],
        ['demo.risky', 'declared-with-open-findings'],
        ['demo.undeclared', 'not-declared'],
        ['keep', 'keeps-gil'],
      ],
    );
    assert.match(cli([], { cwd: root }).stdout, /^ {2}demo\.risky +multi-phase +yes +declared-with-open-findings +1 warning +b\/risky\.c$/m);
  });

  it('renders the verdicts as Markdown for a pull-request comment', () => {
    const run = cli(['--format', 'markdown'], { cwd: project(files) });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^\| keep \| cython \| keeps the GIL \| keeps the GIL \|/m);
    assert.match(run.stdout, /^\| demo\.risky \| multi-phase \| yes \| \*\*declared with open findings\*\* \|/m);
  });
});

describe('baseline', () => {
  it('records findings, reports only new ones, ignores moves, and prunes what was fixed', () => {
    const root = project({ 'a.c': UNDECLARED, 'b.c': UNGUARDED.replace(/_speedups/g, '_b') });
    const wrote = cli(['--write-baseline', 'baseline.json'], { cwd: root });
    assert.equal(wrote.status, 0);
    assert.match(wrote.stderr, /wrote 2 finding\(s\) to baseline\.json/);

    const same = cli(['--baseline', 'baseline.json', '--format', 'json'], { cwd: root });
    assert.equal(same.status, 0);
    assert.deepEqual(json(same.stdout).findings, []);

    // Moved down by new lines above, plus one new module: only the new one is reported.
    writeFileSync(path.join(root, 'a.c'), `/* moved */\n\n${UNDECLARED}`);
    writeFileSync(path.join(root, 'c.c'), UNDECLARED.replace(/_speedups/g, '_c'));
    const fresh = cli(['--baseline', 'baseline.json', '--format', 'json'], { cwd: root });
    assert.equal(fresh.status, 1);
    assert.deepEqual(json(fresh.stdout).findings.map((f) => f.file), ['c.c']);

    // b.c fixed: its entry is stale, reported, then pruned.
    writeFileSync(path.join(root, 'b.c'), DECLARED.replace(/_speedups/g, '_b'));
    const stale = cli(['--baseline', 'baseline.json', '--format', 'json'], { cwd: root });
    assert.match(stale.stderr, /1 entry of baseline\.json match no finding any more/);
    const pruned = cli(['--baseline', 'baseline.json', '--prune-baseline', '--format', 'json'], { cwd: root });
    assert.match(pruned.stderr, /removed 1 stale entry/);
    const kept = JSON.parse(readFileSync(path.join(root, 'baseline.json'), 'utf8')) as { findings: { file: string }[] };
    assert.deepEqual(kept.findings.map((f) => f.file), ['a.c']);
  });

  it('refuses a file that is not a baseline', () => {
    const root = project({ 'm.c': UNDECLARED, 'bad.json': '{"findings": []}' });
    const run = cli(['--baseline', 'bad.json'], { cwd: root });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /bad\.json: not a cext-audit baseline/);
  });
});

describe('diff mode', () => {
  it('reports only findings on lines changed since a git ref, and refuses outside a repository', () => {
    const root = project({ 'old.c': UNDECLARED });
    const env = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'start');
    // old.c keeps its finding on an unchanged line; a new module in a new file is reported.
    writeFileSync(path.join(root, 'old.c'), `${UNDECLARED}\n/* an edit below the finding */\n`);
    writeFileSync(path.join(root, 'new.c'), UNDECLARED.replace(/_speedups/g, '_new'));
    const run = cli(['--diff', 'HEAD', '--format', 'json'], { cwd: root });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(json(run.stdout).findings.map((f) => f.file), ['new.c']);

    const outside = cli(['--diff', 'HEAD'], { cwd: project({ 'm.c': UNDECLARED }) });
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /^cext-audit: error: --diff HEAD: /);
  });
});

describe('worker pool', () => {
  it('gives byte-identical output for any --jobs', () => {
    const files: Record<string, string> = {};
    // Over the pool's 2 MB threshold, so --jobs 2 really starts workers.
    for (let i = 0; i < 60; i++) {
      files[`pkg${i}/m.c`] = UNDECLARED.replace(/_speedups/g, `_m${i}`) + `\n/* ${'padding '.repeat(5000)} */\n`;
    }
    const root = project(files);
    const one = cli(['--format', 'json', '--jobs', '1'], { cwd: root });
    const two = cli(['--format', 'json', '--jobs', '2'], { cwd: root });
    assert.equal(one.status, 1);
    assert.equal(json(one.stdout).findings.length, 60);
    assert.equal(two.stdout, one.stdout);
    assert.equal(cli(['--jobs', '0'], { cwd: root }).status, 2);
  });
});

describe('timing', () => {
  it('prints each step and the slowest rules on stderr with CEXT_AUDIT_TIMING, and changes nothing else', () => {
    const root = project({ 'm.c': UNDECLARED });
    const plain = cli(['--format', 'json', '--no-cache'], { cwd: root });
    const timed = cli(['--format', 'json', '--no-cache'], { cwd: root, env: { CEXT_AUDIT_TIMING: '1' } });
    assert.equal(plain.stderr, '');
    assert.equal(timed.status, plain.status);
    assert.equal(timed.stdout, plain.stdout);
    const rows = new Map(
      timed.stderr
        .split('\n')
        .map((line) => /^(.+?)\s+(\d+)\s+(\d+\.\d)$/.exec(line))
        .filter((m) => m !== null)
        .map((m) => [m[1], Number(m[2])]),
    );
    const steps = ['start-up, configuration and discovery', 'read and decode', 'directives and macro table', 'project pass', 'rules', 'report', 'total'];
    for (const step of steps) assert.ok(rows.has(step), `${step} in\n${timed.stderr}`);
    assert.ok((rows.get('total') as number) >= (rows.get('rules') as number));
    assert.ok(rows.has('module-missing-gil-slot'), 'the rule that reports is among those timed');
  });
});

describe('file selection', () => {
  it('honours .gitignore, skips build and dependency directories, and takes --include/--exclude', () => {
    const root = project({
      '.gitignore': 'ignored/\n',
      'src/m.c': UNDECLARED,
      'ignored/x.c': UNDECLARED.replace(/_speedups/g, '_x'),
      'build/lib/y.c': UNDECLARED.replace(/_speedups/g, '_y'),
      'node_modules/pkg/z.c': UNDECLARED.replace(/_speedups/g, '_z'),
      'vendor/v.c': UNDECLARED.replace(/_speedups/g, '_v'),
    });
    const files = (args: string[]) => [...new Set(json(cli(['--format', 'json', ...args], { cwd: root }).stdout).findings.map((f) => f.file))];
    assert.deepEqual(files([]), ['src/m.c', 'vendor/v.c']);
    assert.deepEqual(files(['--exclude', 'vendor/**']), ['src/m.c']);
    assert.deepEqual(files(['--include', 'vendor/**/*.c']), ['vendor/v.c']);
    assert.deepEqual(files(['ignored/x.c']), ['ignored/x.c'], 'a file named on the command line is audited');
  });

  it('skips Cython output and binary files with a note, and audits the rest', () => {
    const root = project({
      'gen.c': `/* Generated by Cython 3.0.11 */\n${UNDECLARED}`,
      'blob.c': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'm.c': UNDECLARED.replace(/_speedups/g, '_m'),
    });
    const text = cli([], { cwd: root });
    assert.equal(text.status, 1);
    assert.match(text.stdout, /note: skipped gen\.c: generated by Cython 3\.0\.11; audit its source instead/);
    assert.match(text.stdout, /note: skipped blob\.c: binary file/);
    const withSource = project({
      'pkg/fast.c': `/* Generated by Cython 3.1.2 */\n${UNDECLARED}`,
      // Cython, not C: the apostrophes of a docstring are no unterminated literals.
      'pkg/fast.pyx': '# cython: freethreading_compatible=True\ndef f(x):\n    """Return x\'s double."""\n    return 2 * x\n',
    });
    assert.doesNotMatch(cli([], { cwd: withSource }).stderr, /unterminated/);
    const attributed = json(cli(['--format', 'json'], { cwd: withSource }).stdout);
    assert.deepEqual(attributed.skipped, [{ file: 'pkg/fast.c', reason: 'generated by Cython 3.1.2, from pkg/fast.pyx, which is audited instead' }]);
    assert.deepEqual(attributed.modules.map((m) => [m.name, m.initStyle, m.declared]), [['fast', 'cython', 'yes']]);
    assert.match(text.stdout, /^m\.c:5:25: error\[module-missing-gil-slot\]/m);
    const report = json(cli(['--format', 'json'], { cwd: root }).stdout);
    assert.deepEqual(report.skipped.map((s) => s.file), ['blob.c', 'gen.c']);
    assert.deepEqual(report.findings.map((f) => f.file), ['m.c']);
  });

  it('skips files over --max-file-size with a note', () => {
    const root = project({ 'big.c': `${UNDECLARED}\n/* ${'x'.repeat(200_000)} */\n`, 'm.c': UNDECLARED.replace(/_speedups/g, '_m') });
    const report = json(cli(['--format', 'json', '--max-file-size', '0.1'], { cwd: root }).stdout);
    assert.deepEqual(report.skipped.map((s) => s.file), ['big.c']);
    assert.match(report.skipped[0].reason, /larger than --max-file-size \(0\.2 MB > 0\.1 MB\)/);
    assert.deepEqual(report.findings.map((f) => f.file), ['m.c']);
  });
});

describe('usage errors exit 2 with one line on stderr', () => {
  const root = project({ 'm.c': DECLARED });
  for (const [name, args, files, pattern] of [
    ['unknown rule in --select', ['--select', 'no-such-rule'], {}, /unknown rule or category: no-such-rule \(valid: .*module-missing-gil-slot/],
    ['missing path', ['does/not/exist'], {}, /does\/not\/exist: no such file or directory/],
    ['bad --fail-on', ['--fail-on', 'sometimes'], {}, /Invalid values/],
    ['bad --min-python', ['--min-python', 'three'], {}, /--min-python: min-python must be a version/],
    ['unknown config key', [], { 'pyproject.toml': '[tool.cext-audit]\nselekt = ["x"]\n' }, /unknown key selekt/],
    ['invalid TOML', [], { 'pyproject.toml': '[tool.cext-audit\n' }, /invalid TOML/],
    ['missing --config file', ['--config', 'nope.toml'], {}, /cannot read config/],
    ['unknown option', ['--frobnicate'], {}, /Unknown argument: frobnicate/],
    ['bad --max-file-size', ['--max-file-size', '-1'], {}, /--max-file-size must be a positive number/],
    ['bad --target-python', ['--target-python', 'next'], {}, /target-python must be a version/],
    // The repository's configuration is quoted back with its control characters escaped.
    ['a macro name with an escape sequence and a newline', [], { 'pyproject.toml': '[tool.cext-audit.macros]\n"\\u001b[2J\\n::error::X" = "static"\n' }, /macros: "\\x1b\[2J\\n::error::X" is not a C identifier$/m],
  ] as const) {
    it(name, () => {
      const cwd = Object.keys(files).length > 0 ? project({ ...files, 'm.c': DECLARED }) : root;
      const run = cli([...args], { cwd });
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.match(run.stderr, pattern);
      assert.match(run.stderr, /^cext-audit: error: /);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.doesNotMatch(run.stderr, STACK_TRACE);
    });
  }
});

describe('cext-audit rules and explain', () => {
  const cwd = project({});
  it('lists every rule with its category and severity', () => {
    const run = cli(['rules'], { cwd });
    assert.equal(run.status, 0);
    for (const id of ['module-missing-gil-slot', 'module-missing-set-gil', 'module-gil-used', 'gil-slot-unguarded']) {
      assert.match(run.stdout, new RegExp(`^${id} +module-declaration +(error|warning|note) +howto/free-threading-extensions\\.html#[\\w-]+ +\\S`, 'm'));
    }
  });

  it('explains a rule: why, examples, replacement and the guide', () => {
    const run = cli(['explain', 'module-missing-set-gil'], { cwd });
    assert.equal(run.status, 0);
    for (const heading of ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Replacement', 'Guide']) assert.match(run.stdout, new RegExp(`^${heading.replace('?', '\\?')}$`, 'm'));
    assert.match(run.stdout, /PyUnstable_Module_SetGIL\(m, Py_MOD_GIL_NOT_USED\);/);
    assert.match(run.stdout, /https:\/\/docs\.python\.org\/3\.14\/howto\/free-threading-extensions\.html#single-phase-initialization/);
  });

  it('refuses an unknown rule', () => {
    const run = cli(['explain', 'nope'], { cwd });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown rule nope \(valid: /);
  });

  it('prints help and exits 0', () => {
    const run = cli(['--help'], { cwd });
    assert.equal(run.status, 0);
    assert.match(run.stdout, /--fail-on/);
  });
});
