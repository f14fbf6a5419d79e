/**
 * What a build requirement (`[build-system] requires = ["pybind11>=2.10"]`) says about the
 * versions of a binding framework the build may get, read as PEP 508 and PEP 440 say for
 * release numbers: pre-releases, local versions and epochs are not told apart, and a
 * requirement with a URL or a specifier that cannot be read claims nothing.
 */
import type { Range } from './types.js';

export type Release = number[];

/** How the requirement stands to the first release that has what the fix writes. */
export type FloorVerdict =
  /** No version it allows has it: the declaration would not compile. */
  | 'excludes'
  /** Versions with and without it are allowed: a build with an older one installed fails. */
  | 'below'
  | 'meets';

export interface RequirementCheck {
  /** The requirement as written. */
  text: string;
  range: Range;
  verdict: FloorVerdict;
}

const REQUIREMENT = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*\(?([^;@()]*)\)?\s*(?:;.*)?$/;
const SPECIFIER = /^\s*(===|==|!=|~=|<=|>=|<|>)\s*v?(\d+(?:\.\d+)*)(\.\*)?(?:[-_.+!]?[A-Za-z0-9.+!]*)?\s*$/;

/** PEP 503 normalised project name. */
function projectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function compareReleases(a: Release, b: Release): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Whether some version with the prefix `prefix` (`2.12` of `==2.12.*`) is at least `floor`. */
function prefixReaches(prefix: Release, floor: Release): boolean {
  return compareReleases(prefix, floor.slice(0, prefix.length)) >= 0;
}

/**
 * The verdict of one requirement string on `floor`, or null when it names another project or
 * cannot be read. Without a lower bound the newest release is installed: that meets the floor.
 */
export function floorVerdict(requirement: string, names: readonly string[], floor: Release): FloorVerdict | null {
  const m = REQUIREMENT.exec(requirement);
  if (m === null || !names.includes(projectName(m[1]))) return null;
  let excludes = false;
  // The highest of them is the least a build gets.
  const bounds: Release[] = [];
  for (const part of m[2].split(',').filter((p) => p.trim() !== '')) {
    const s = SPECIFIER.exec(part);
    if (s === null) return null;
    const [, op, version, wildcard] = s;
    const release = version.split('.').map(Number);
    switch (op) {
      case '<':
        if (compareReleases(release, floor) <= 0) excludes = true;
        break;
      case '<=':
        if (compareReleases(release, floor) < 0) excludes = true;
        break;
      case '==':
      case '===':
        if (wildcard ? !prefixReaches(release, floor) : compareReleases(release, floor) < 0) excludes = true;
        bounds.push(release);
        break;
      case '~=':
        // `~=2.12.1` is `>=2.12.1, ==2.12.*`; `~=2.12` is `>=2.12, ==2.*`.
        if (release.length > 1 && !prefixReaches(release.slice(0, -1), floor)) excludes = true;
        bounds.push(release);
        break;
      case '>=':
      case '>':
        bounds.push(release);
        break;
    }
  }
  if (excludes) return 'excludes';
  return bounds.length > 0 && bounds.every((b) => compareReleases(b, floor) < 0) ? 'below' : 'meets';
}
