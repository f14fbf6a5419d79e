/** What the packaging rules need to know of the modules: which declare free threading and which do not. */
import type { ProjectFacts } from '../../src/facts/modules.js';
import { covers } from '../../src/facts/build-files.js';
import { declarationOf } from '../../src/facts/modules.js';
import type { Range } from '../../src/facts/types.js';

export const BUILDING_HOWTO = 'https://docs.python.org/3.14/howto/free-threading-extensions.html#building-extensions-for-the-free-threaded-build';

export interface ModuleState {
  name: string;
  file: string;
  range: Range;
  declared: boolean;
  /** Declares Py_MOD_GIL_USED, or nothing: importing it re-enables the GIL. */
  keepsGil: boolean;
}

/** The modules a build file speaks for: those in its directory tree (a scan may hold several projects). */
export function moduleStatesUnder(project: ProjectFacts, buildFile: string): ModuleState[] {
  return moduleStates(project).filter((m) => covers(buildFile, m.file));
}

export function moduleStates(project: ProjectFacts): ModuleState[] {
  return [
    ...project.modules.map((m) => {
      const d = declarationOf(m);
      const part = m.init ?? m.def;
      const range = part?.fact.range ?? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
      return { name: m.name, file: part?.file ?? '', range, declared: d === 'not-used', keepsGil: d === 'used' || d === 'missing' };
    }),
    ...project.bindings.map((b) => ({ name: b.name, file: b.file, range: b.range, declared: b.declared === 'yes', keepsGil: b.declared === 'no' || b.declared === 'keeps-gil' })),
  ];
}
