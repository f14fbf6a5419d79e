/** A `major.minor` Python version, as the project's minimum supported Python. */
export interface PythonVersion {
  major: number;
  minor: number;
}

/** The oldest Python a project supports; `assumed` when nothing states it and the default stands in. */
export interface MinPython extends PythonVersion {
  assumed?: true;
}

export const DEFAULT_MIN_PYTHON: MinPython = { major: 3, minor: 9, assumed: true };
export const DEFAULT_TARGET_PYTHON: PythonVersion = { major: 3, minor: 14 };

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function comparePython(a: PythonVersion, b: PythonVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function parsePythonVersion(text: string): PythonVersion | null {
  const m = /^\s*(\d+)\.(\d+)(?:\.\d+)?\s*$/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

export function formatPythonVersion(v: PythonVersion): string {
  return `${v.major}.${v.minor}`;
}

/**
 * The lowest Python a PEP 440 specifier admits (`>=3.9`, `>=3.8,<4`, `~=3.10`, `==3.12.*`),
 * or null when it sets no lower bound.
 */
export function lowestPython(specifier: string): PythonVersion | null {
  let lowest: PythonVersion | null = null;
  for (const clause of specifier.split(',')) {
    const m = /^\s*(>=|~=|==|>)\s*(\d+)(?:\.(\d+))?/.exec(clause);
    if (!m) continue;
    let v = { major: Number(m[2]), minor: Number(m[3] ?? 0) };
    if (m[1] === '>' && m[3] !== undefined && !/\d+\.\d+\.\d/.test(clause)) v = { major: v.major, minor: v.minor + 1 };
    if (lowest === null || v.major > lowest.major || (v.major === lowest.major && v.minor > lowest.minor)) lowest = v;
  }
  return lowest;
}
