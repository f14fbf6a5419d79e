/**
 * What each file reads from the scanned headers it includes, directly or not, known before any
 * file is parsed: the globals those headers declare `extern`, and the switches they set for the
 * names the file's conditions test. Both travel with the file to its worker and into its cache key.
 */
import { externVariables } from '../source/externs.js';
import type { Directive } from '../source/scan.js';
import { guardIndex, macroDefinitions, MAX_CONDITIONS, testedNames, type GuardIndex, type InheritedMacro } from './conditions.js';
import { includeClosures, includedName } from './includes.js';

export interface Inherited {
  /** The variables declared `extern` in the file or its headers: the globals of other files it can write. */
  externs: string[];
  /** The headers' definitions of the names the file's conditions test. */
  macros: InheritedMacro[];
}

export function inheritedByFile(files: readonly { file: string; text: string }[], directives: readonly Directive[][]): Inherited[] {
  const declared = new Map(files.map((f) => [f.file, externVariables(f.text)]));
  const includeLines = directives.map((list) => list.filter((d) => d.keyword === 'include'));
  const closures = includeClosures(files.map((f, i) => ({ file: f.file, includes: includeLines[i].map(includedName) })));
  const at = new Map(files.map((f, i) => [f.file, i]));
  const tested = directives.map(testedNames);
  const wanted = new Set(tested.flatMap((names) => [...names]));
  // Each file's definitions and guards are read once, whatever the number of files including it.
  const definitions = new Map<number, ReturnType<typeof macroDefinitions>>();
  const definitionsOf = (h: number) => definitions.get(h) ?? (definitions.set(h, macroDefinitions(directives[h], wanted)).get(h) as ReturnType<typeof macroDefinitions>);
  const guards = new Map<number, GuardIndex>();
  const guardsOf = (f: number) => guards.get(f) ?? (guards.set(f, guardIndex(directives[f])).get(f) as GuardIndex);
  return files.map(({ file }, i) => {
    const closure = closures.get(file) ?? [{ file, via: null }];
    const macros: InheritedMacro[] = [];
    if (tested[i].size > 0) {
      // In reaching order, an including file comes before the headers it includes: each header is
      // read under the guards of the include lines leading to it (one under `#ifdef _WIN32` sets
      // nothing elsewhere), from the file's own include line that leads to it on.
      const place = new Map<string, { under: string[]; line: number }>([[file, { under: [], line: 0 }]]);
      for (const { file: header, via } of closure) {
        if (via === null) continue;
        const from = at.get(via.from) as number;
        const includeLine = includeLines[from][via.index].start;
        const parent = place.get(via.from) as { under: string[]; line: number };
        const here = { under: [...parent.under, ...guardsOf(from).at(includeLine)].slice(0, MAX_CONDITIONS), line: via.from === file ? includeLine : parent.line };
        place.set(header, here);
        for (const d of definitionsOf(at.get(header) as number)) {
          if (tested[i].has(d.name)) macros.push({ ...d.macro, guard: [...here.under, ...d.macro.guard], at: here.line });
        }
      }
    }
    return { externs: [...new Set(closure.flatMap((r) => declared.get(r.file) ?? []))].sort(), macros };
  });
}
