/** Reads workflow commands back the way the GitHub Actions runner does. */
import assert from 'node:assert/strict';

export interface Command {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/** One command per line; a line starting with `::` that is not a command fails the test. */
export function parseCommands(output: string): Command[] {
  const unescape = (s: string) => s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return output
    .split('\n')
    .filter((line) => line.startsWith('::'))
    .map((line) => {
      const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
      assert.ok(m, `not a workflow command: ${line}`);
      // The runner splits each property at its first `=`; `=` needs no escaping in a value.
      const properties = Object.fromEntries((m[2] ?? '').split(',').filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
      return { command: m[1], properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, unescape(v)])), data: unescape(m[3]) };
    });
}
