import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Severity } from '../src/engine/rule.js';
import { formatGithub } from '../src/report/github.js';
import { cli, project, UNDECLARED } from './support/cli.js';
import { parseCommands } from './support/github.js';

function finding(file: string, message: string, severity: Severity = 'error', line = 3): Finding {
  return {
    ruleId: 'module-missing-gil-slot',
    category: 'module-declaration',
    severity,
    precision: 'high',
    file,
    range: { startLine: line, startColumn: 5, endLine: line, endColumn: 9 },
    messageId: 'noGilSlot',
    message,
    fix: null,
    guide: 'https://docs.python.org/3.14/howto/free-threading-extensions.html#multi-phase-initialization',
    related: [],
  };
}

describe('--format github', () => {
  it('escapes file names and messages so that nothing can inject a second command', () => {
    const hostileFile = 'src/a%0A::error::b,c:d\n::warning file=x::y.c';
    const hostileMessage = 'first line\r\n::error file=evil.c,line=1::injected 100%';
    const output = formatGithub([finding(hostileFile, hostileMessage)]);
    assert.equal(output.trimEnd().split('\n').length, 1, 'one line per finding');
    const [command] = parseCommands(output);
    assert.equal(command.command, 'error');
    assert.equal(command.properties.file, hostileFile);
    assert.equal(command.properties.line, '3');
    assert.equal(command.properties.col, '5');
    assert.equal(command.properties.title, 'cext-audit (module-missing-gil-slot)');
    assert.ok(command.data.startsWith(hostileMessage));
  });

  it('puts the most severe first, caps each severity and says how many were left out', () => {
    const findings = [
      ...Array.from({ length: 3 }, (_, i) => finding('n.c', `note ${i}`, 'note', i + 1)),
      ...Array.from({ length: 12 }, (_, i) => finding('e.c', `error ${i}`, 'error', i + 1)),
    ];
    const commands = parseCommands(formatGithub(findings, 10));
    assert.deepEqual(
      commands.map((c) => c.command),
      [...Array<string>(10).fill('error'), 'notice', 'notice', 'notice', 'notice'],
    );
    assert.match(commands[commands.length - 1].data, /^2 more finding\(s\) not annotated/);
  });

  it('prints nothing for a clean run', () => {
    assert.equal(formatGithub([]), '');
  });

  it('is selectable on the command line', () => {
    const run = cli(['--format', 'github'], { cwd: project({ 'a,b:c.c': UNDECLARED }) });
    assert.equal(run.status, 1);
    const [command] = parseCommands(run.stdout);
    assert.equal(command.properties.file, 'a,b:c.c');
    assert.equal(command.properties.line, '5');
  });
});
