/**
 * One line per extension module: how it is made, what it declares, what is left in its files,
 * and the verdict a maintainer asks for: can this module ship in a cp314t wheel?
 */
import type { BindingModule } from '../facts/bindings.js';
import { covers, isBuildFile } from '../facts/build-files.js';
import { declarationOf, undecidedBecause, type InitStyle, type ModuleFact } from '../facts/modules.js';
import { SEVERITIES, type Finding, type Severity } from './rule.js';

export type Declared = 'yes' | 'no' | 'keeps-gil' | 'unknown';

/**
 * - `ready`: declares Py_MOD_GIL_NOT_USED and no error or warning is left;
 * - `declared-with-open-findings`: declared while warnings remain, the riskiest state, since the
 *   interpreter then runs code without the GIL that is not yet safe without it;
 * - `blocked`: errors (other than the missing declaration itself) or the limited API stand in
 *   the way of a free-threaded build;
 * - `not-declared`, `keeps-gil` (an explicit Py_MOD_GIL_USED), `unknown` (a part not found).
 */
export type Verdict = 'ready' | 'declared-with-open-findings' | 'blocked' | 'not-declared' | 'keeps-gil' | 'unknown';
export const VERDICTS: readonly Verdict[] = ['ready', 'declared-with-open-findings', 'blocked', 'not-declared', 'keeps-gil', 'unknown'];

export interface ModuleReadiness {
  name: string;
  /** How the module is made: C init style, or the binding framework. */
  initStyle: InitStyle | BindingModule['framework'];
  declared: Declared;
  verdict: Verdict;
  /** With `declared: unknown`: what the scan could not resolve (`the slot value MY_GIL could not be resolved …`). */
  unknownBecause?: string;
  /** The file of its init function (or PyModuleDef, or binding macro, or .pyx). */
  file: string;
  files: string[];
  findings: Record<Severity, number>;
  /** Of those, what is left to make the code safe or buildable: see `isCodeFinding`. */
  codeFindings: Record<Severity, number>;
}

const DECLARED: Record<ReturnType<typeof declarationOf>, Declared> = {
  'not-used': 'yes',
  used: 'keeps-gil',
  missing: 'no',
  unknown: 'unknown',
};

interface Counted {
  all: Record<Severity, number>;
  /** The findings that judge the code itself (see `isCodeFinding`). */
  code: Record<Severity, number>;
  limitedApi: number;
}

function zero(): Record<Severity, number> {
  return { error: 0, warning: 0, note: 0 };
}

/**
 * What the verdict weighs: not the declaration rules (the verdict carries their state), not
 * the packaging rules (they judge wheels, not the module), and of the deprecated APIs only
 * the removed ones, which stop the build; a deprecation warning leaves the code safe.
 */
export function isCodeFinding(f: Pick<Finding, 'category' | 'severity'>): boolean {
  if (f.category === 'module-declaration' || f.category === 'packaging') return false;
  return f.category !== 'deprecated-api' || f.severity === 'error';
}

function countByFile(findings: readonly Finding[]): Map<string, Counted> {
  const byFile = new Map<string, Counted>();
  for (const f of findings) {
    let counted = byFile.get(f.file);
    if (counted === undefined) byFile.set(f.file, (counted = { all: zero(), code: zero(), limitedApi: 0 }));
    counted.all[f.severity]++;
    if (isCodeFinding(f)) counted.code[f.severity]++;
    if (f.category === 'limited-api') counted.limitedApi++;
  }
  return byFile;
}

/** Build files whose settings reach a module: in its directory or above. */
function buildFilesAbove(byFile: ReadonlyMap<string, Counted>, file: string): string[] {
  return [...byFile.keys()].filter((b) => isBuildFile(b) && covers(b, file));
}

export function verdictOf(declared: Declared, counted: Counted): Verdict {
  if (declared === 'keeps-gil') return 'keeps-gil';
  if (counted.code.error > 0 || counted.limitedApi > 0) return 'blocked';
  if (declared === 'no') return 'not-declared';
  if (declared === 'unknown') return 'unknown';
  return counted.code.warning > 0 ? 'declared-with-open-findings' : 'ready';
}

function line(
  name: string,
  initStyle: ModuleReadiness['initStyle'],
  declared: Declared,
  file: string,
  files: string[],
  byFile: ReadonlyMap<string, Counted>,
  because: string | null = null,
): ModuleReadiness {
  const counted: Counted = { all: zero(), code: zero(), limitedApi: 0 };
  for (const f of new Set(files)) {
    const inFile = byFile.get(f);
    if (inFile === undefined) continue;
    for (const s of SEVERITIES) {
      counted.all[s] += inFile.all[s];
      counted.code[s] += inFile.code[s];
    }
    counted.limitedApi += inFile.limitedApi;
  }
  for (const b of buildFilesAbove(byFile, file)) counted.limitedApi += byFile.get(b)?.limitedApi ?? 0;
  const unknownBecause = because === null ? {} : { unknownBecause: because };
  return { name, initStyle, declared, verdict: verdictOf(declared, counted), ...unknownBecause, file, files, findings: counted.all, codeFindings: counted.code };
}

export function readiness(modules: readonly ModuleFact[], bindings: readonly BindingModule[], findings: readonly Finding[]): ModuleReadiness[] {
  const byFile = countByFile(findings);
  return [
    ...modules.map((m) => line(m.name, m.initStyle, DECLARED[declarationOf(m)], (m.init ?? m.def)?.file ?? '', m.files, byFile, undecidedBecause(m))),
    ...bindings.map((b) => line(b.name, b.framework, b.declared, b.file, b.files, byFile, b.unknownBecause ?? null)),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
