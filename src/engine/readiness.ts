/** One line per extension module: how it is initialised, what it declares, what is left in its files. */
import { declarationOf, undecidedBecause, type InitStyle, type ModuleFact } from '../facts/modules.js';
import { SEVERITIES, type Finding, type Severity } from './rule.js';

export type Declared = 'yes' | 'no' | 'keeps-gil' | 'unknown';

export interface ModuleReadiness {
  name: string;
  initStyle: InitStyle;
  declared: Declared;
  /** With `declared: unknown`: what the scan could not resolve (`the slot value MY_GIL could not be resolved …`). */
  unknownBecause?: string;
  /** The file of its init function, or of its PyModuleDef when no init function was found. */
  file: string;
  files: string[];
  findings: Record<Severity, number>;
}

const DECLARED: Record<ReturnType<typeof declarationOf>, Declared> = {
  'not-used': 'yes',
  used: 'keeps-gil',
  missing: 'no',
  unknown: 'unknown',
};

export function readiness(modules: readonly ModuleFact[], findings: readonly Finding[]): ModuleReadiness[] {
  const byFile = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    const counts = byFile.get(f.file) ?? { error: 0, warning: 0, note: 0 };
    counts[f.severity]++;
    byFile.set(f.file, counts);
  }
  return modules
    .map((m) => {
      const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
      for (const file of new Set(m.files)) {
        const inFile = byFile.get(file);
        if (inFile) for (const s of SEVERITIES) counts[s] += inFile[s];
      }
      const because = undecidedBecause(m);
      return {
        name: m.name,
        initStyle: m.initStyle,
        declared: DECLARED[declarationOf(m)],
        ...(because === null ? {} : { unknownBecause: because }),
        file: (m.init ?? m.def)?.file ?? '',
        files: m.files,
        findings: counts,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
