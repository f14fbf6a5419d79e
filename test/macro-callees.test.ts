import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeOutcome } from '../src/engine/analysis.js';
import { projectFacts } from '../src/facts/modules.js';
import type { FileFacts } from '../src/facts/types.js';
import { macroTable } from '../src/source/prepass.js';
import { scanDirectives } from '../src/source/scan.js';

function factsOf(text: string): FileFacts {
  const outcome = analyzeOutcome({ index: 0, file: 'm.c', text, directives: scanDirectives(text) }, macroTable([], new Map()));
  assert.equal(outcome.kind, 'facts');
  return (outcome as { facts: FileFacts }).facts;
}

/** What the reach follows from each function: its own calls and, through its macros, `callee` at the use. */
function edges(facts: FileFacts, through: { use: { inFunction: string | null }; callee: string }[]): string[] {
  const direct = facts.calls.map((c) => `${c.inFunction} -> ${c.callee}`);
  return [...new Set([...direct, ...through.map((t) => `${t.use.inFunction} -> ${t.callee}`)])].sort();
}

const SOURCE = `
#define LEAF(x) leaf_fn(x)
#define MIDDLE(x) LEAF(x) + other_fn(x)
#define SELF(x) self_fn(x)
#define self_fn(x) self_fn((x) + 1)
#define APPLY(f, x) f(x)
#define PASTE(name) name##_impl()
#define VARIADIC(...) spread_fn(__VA_ARGS__)
#define GNU_VARIADIC(rest...) rest(0)
#define L1(x) L2(x)
#define L2(x) L3(x)
#define L3(x) L4(x)
#define L4(x) L5(x)
#define L5(x) L6(x)
#define L6(x) L7(x)
#define L7(x) too_deep_fn(x)
#define GUARD(x) if (x) checked_fn(x)

int leaf_fn(int x) { return x; }
int other_fn(int x) { return x; }
int self_fn(int x) { return x; }
int target_fn(int x) { return x; }
int alpha_impl(void) { return 0; }
int spread_fn(int a, int b) { return a + b; }
int too_deep_fn(int x) { return x; }
int checked_fn(int x) { return x; }

int user(int y) {
  int total = MIDDLE(y) + SELF(y) + APPLY(target_fn, y) + PASTE(alpha) + VARIADIC(1, 2);
  total += GNU_VARIADIC(target_fn) + L1(y) + MIDDLE(leaf_fn(y));
  GUARD(total);
  return total;
}
`;

describe('callees of macro uses', () => {
  const facts = factsOf(SOURCE);
  const project = projectFacts([facts]);
  const wanted = new Set(facts.functions.map((f) => f.name));

  it('give the reach the same edges as expanding every use', () => {
    const expanded = project.macroCalls(facts, wanted).map((c) => ({ use: c, callee: c.callee }));
    assert.deepEqual(edges(facts, project.macroCallees(facts, wanted)), edges(facts, expanded));
  });

  it('follow macros through macros, arguments that are callees, pasting and variadic arguments', () => {
    const reached = edges(facts, project.macroCallees(facts, wanted)).filter((e) => e.startsWith('user -> ') && e.endsWith('_fn') || e.endsWith('_impl'));
    for (const name of ['leaf_fn', 'other_fn', 'target_fn', 'alpha_impl', 'spread_fn', 'checked_fn']) assert.ok(reached.includes(`user -> ${name}`), name);
    // Seven macros deep is past the expansion's depth, as it is for macroCalls.
    assert.ok(!reached.includes('user -> too_deep_fn'));
  });
});
