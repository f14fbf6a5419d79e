/**
 * The project's `#include` graph: which scanned file each `#include` line names, the files
 * compiled together in one translation unit (a unity build includes `.c` files into another),
 * and the headers no Python 3 build reads because every line that includes them sits in a dead branch.
 */
import path from 'node:path';
import type { Directive } from '../source/scan.js';
import type { FileFacts } from './types.js';

/** The name an `#include` line gives: `Python.h` of `#include <Python.h>`, `util.h` of `#include "util.h"`. */
export function includedName(directive: Directive): string {
  return directive.body.replace(/^["<]|[">]$/g, '');
}

/** Where a file is included from: the including file, and whether that line is in a dead branch. */
interface IncludeSite {
  from: string;
  dead: boolean;
}

/** Files compiled on their own, never only as part of another: they are never dead. */
const TRANSLATION_UNIT = /\.(?:c|cc|cpp|cxx|pyx)$/;

/**
 * The scanned file a `#include` names: the one beside the including file, else the only one
 * whose path ends with the name (an `-I` directory). A name several files end with is left
 * unresolved: guessing could tie a header to lines that do not include it.
 */
function resolver(files: readonly { file: string }[]): (name: string, from: string) => string | null {
  const paths = new Set(files.map((f) => f.file));
  const byBase = new Map<string, string[]>();
  for (const p of paths) {
    const base = path.posix.basename(p);
    const same = byBase.get(base);
    if (same) same.push(p);
    else byBase.set(base, [p]);
  }
  return (name, from) => {
    const beside = path.posix.normalize(path.posix.join(path.posix.dirname(from), name));
    if (paths.has(beside)) return beside;
    const wanted = path.posix.normalize(name);
    const ending = (byBase.get(path.posix.basename(wanted)) ?? []).filter((p) => p === wanted || p.endsWith(`/${wanted}`));
    return ending.length === 1 ? ending[0] : null;
  };
}

/** A scanned file an `#include` line reads, and the line that reaches it first: the `index`-th include of `from`. */
export interface Reached {
  file: string;
  /** Null for the including file itself. */
  via: { from: string; index: number } | null;
}

/**
 * The most headers followed from one file: real files reach under a hundred (98 at most in the
 * corpus of the README), and a generated chain of thousands would make the closures quadratic.
 */
const MAX_REACHED = 256;

/** For each file, the scanned files its `#include` lines read, directly or through other headers, itself first, in the order they are reached. */
export function includeClosures(files: readonly { file: string; includes: readonly string[] }[]): Map<string, Reached[]> {
  const resolve = resolver(files);
  const direct = new Map(files.map((f) => [f.file, f.includes.map((name) => resolve(name, f.file))]));
  const closures = new Map<string, Reached[]>();
  for (const { file } of files) {
    const reached: Reached[] = [{ file, via: null }];
    const seen = new Set([file]);
    for (const { file: from } of reached) {
      (direct.get(from) ?? []).forEach((target, index) => {
        if (target === null || seen.has(target) || reached.length > MAX_REACHED) return;
        seen.add(target);
        reached.push({ file: target, via: { from, index } });
      });
    }
    closures.set(file, reached);
  }
  return closures;
}

/** Each scanned file that some `#include` line names, with the lines that name it. */
export function includeSites(files: readonly FileFacts[]): Map<string, IncludeSite[]> {
  const resolve = resolver(files);
  const sites = new Map<string, IncludeSite[]>();
  for (const f of files) {
    const dead = [...f.deadIncludes];
    for (const name of f.includes) {
      const target = resolve(name, f.file);
      const at = dead.indexOf(name);
      if (at >= 0) dead.splice(at, 1);
      if (target === null || target === f.file) continue;
      const site = { from: f.file, dead: at >= 0 };
      const known = sites.get(target);
      if (known) known.push(site);
      else sites.set(target, [site]);
    }
  }
  return sites;
}

/**
 * Headers no Python 3 build reads: included in the scan, and only from dead branches or from
 * headers that are dead themselves. A header also included from live code, or included by no
 * scanned file, is live. Include cycles stay live: the smallest set is taken.
 */
export function deadHeaders(sites: ReadonlyMap<string, readonly IncludeSite[]>): Set<string> {
  const dead = new Set<string>();
  for (let grown = true; grown; ) {
    grown = false;
    for (const [file, from] of sites) {
      if (dead.has(file) || TRANSLATION_UNIT.test(file)) continue;
      if (from.every((s) => s.dead || dead.has(s.from))) {
        dead.add(file);
        grown = true;
      }
    }
  }
  return dead;
}

/**
 * Whether two files can be compiled in one translation unit: one includes the other, directly
 * or through other files, or a third file includes both. A static function of one is then
 * visible to the other, as in a unity build. Lines in dead branches do not count.
 */
export function unitsOf(sites: ReadonlyMap<string, readonly IncludeSite[]>): (a: string, b: string) => boolean {
  const known = new Map<string, Set<string>>();
  // The file and every file that includes it, directly or not: the units it is compiled in start there.
  const including = (file: string): Set<string> => {
    let found = known.get(file);
    if (found !== undefined) return found;
    found = new Set([file]);
    for (const f of found) for (const site of sites.get(f) ?? []) if (!site.dead) found.add(site.from);
    known.set(file, found);
    return found;
  };
  return (a, b) => {
    if (a === b) return true;
    const ofB = including(b);
    for (const f of including(a)) if (ofB.has(f)) return true;
    return false;
  };
}
