/** One line per extension module: how it is initialised, what it declares, what is left in its files. */
import { declarationOf, type InitStyle, type ModuleFact } from '../facts/modules.js';
import type { Finding, Severity } from './rule.js';

export type Declared = 'yes' | 'no' | 'keeps-gil' | 'unknown';

export interface ModuleReadiness {
  name: string;
  initStyle: InitStyle;
  declared: Declared;
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
  return modules
    .map((m) => {
      const files = new Set(m.files);
      const counts: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
      for (const f of findings) if (files.has(f.file)) counts[f.severity]++;
      return {
        name: m.name,
        initStyle: m.initStyle,
        declared: DECLARED[declarationOf(m)],
        file: (m.init ?? m.def)?.file ?? '',
        files: m.files,
        findings: counts,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
