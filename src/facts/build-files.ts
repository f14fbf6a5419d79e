/**
 * Build files, read as text and never executed: the settings that decide whether a
 * free-threaded wheel can be built at all. For now, the limited-API (abi3) switches.
 */
import path from 'node:path';
import { LineIndex } from '../source/lines.js';
import type { Range } from './types.js';

export interface BuildSetting {
  /** What sets it, as written: `py_limited_api=True`, `wheel.py-api = "cp39"`. */
  text: string;
  /** The setting depends on the build (an expression, not a constant): assumed to handle free threading. */
  conditional: boolean;
  range: Range;
}

export interface BuildFileFacts {
  file: string;
  limitedApi: BuildSetting[];
}

export const BUILD_FILE_NAMES = ['setup.py', 'setup.cfg', 'pyproject.toml', 'meson.build'];

/** Per file name: patterns that switch the limited API on, and whether the value is a build-time expression. */
const PATTERNS: Record<string, { pattern: RegExp; conditional: (value: string) => boolean }[]> = {
  'setup.py': [{ pattern: /\bpy_limited_api\s*=\s*([^,)\n]+)/g, conditional: (v) => v.trim() !== 'True' }],
  'setup.cfg': [{ pattern: /^\s*py[-_]limited[-_]api\s*=\s*(cp3\d+|true)\s*(?:[#;].*)?$/gim, conditional: () => false }],
  'pyproject.toml': [
    { pattern: /^\s*(?:wheel\.)?py-api\s*=\s*"(cp3\d+)"/gm, conditional: () => false },
    { pattern: /^\s*py-limited-api\s*=\s*"(cp3\d+)"/gm, conditional: () => false },
    { pattern: /^\s*limited-api\s*=\s*(true)\b/gm, conditional: () => false },
  ],
  'meson.build': [{ pattern: /\blimited_api\s*:\s*('[\d.]+')/g, conditional: () => false }],
};

export function buildFileFacts(file: string, text: string): BuildFileFacts {
  const lines = new LineIndex(text);
  const limitedApi: BuildSetting[] = [];
  for (const { pattern, conditional } of PATTERNS[path.posix.basename(file)] ?? []) {
    for (const m of text.matchAll(pattern)) {
      const line = text.slice(lines.starts[lines.line(m.index ?? 0) - 1]).split('\n', 1)[0];
      if (/^\s*#/.test(line)) continue;
      const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
      limitedApi.push({ text: m[0].trim(), conditional: conditional(m[1]), range: lines.range(start, (m.index ?? 0) + m[0].length) });
    }
  }
  return { file, limitedApi };
}
