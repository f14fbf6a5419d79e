/**
 * The content cache, like ruff's: what the audit learned from a file is stored under the hash
 * of its bytes, and the findings of a whole run under the hash of everything the run read.
 * An unchanged re-run reads and hashes its files and nothing more; an edited file is parsed
 * again alone. Entries carry the tool version and their own key, so a corrupt or foreign
 * file is ignored (and rewritten), never trusted; a cache that cannot be written is skipped.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BindingModule } from '../facts/bindings.js';
import type { ModuleFact } from '../facts/modules.js';
import type { FileFacts } from '../facts/types.js';
import type { Directive } from '../source/scan.js';
import type { Finding } from './rule.js';

/** Bumped whenever the shape of what is stored changes. */
const SCHEMA = 7;
/** Run entries kept: one per recent combination of files and options. */
const RUNS_KEPT = 16;

export const DEFAULT_CACHE_DIR = '.cext-audit-cache';

/** What one file's bytes give, whatever the rest of the project holds. */
export interface CachedFile {
  directives: Directive[];
  /** Notes on lexical defects (an unterminated comment, an unbalanced #if). */
  defects: string[];
  /** The facts, valid only with the pre-pass macro table and the project's extern variables they were extracted with. */
  facts?: { contextKey: string; facts: Omit<FileFacts, 'file'> };
}

/** What a whole run found before suppressions, keyed by everything it read and every option. */
export interface CachedRun {
  findings: Finding[];
  modules: ModuleFact[];
  bindings: BindingModule[];
  /** Notes on the files' lexical defects. */
  notes: { file: string; message: string }[];
  /** Files read for their directives alone. */
  notParsed: string[];
}

export interface Cache {
  file(hash: string): CachedFile | null;
  storeFile(hash: string, entry: CachedFile): void;
  run(key: string): CachedRun | null;
  storeRun(key: string, run: CachedRun): void;
  /** Why the cache could not be written, once, for a note; null while all is well. */
  readonly problem: string | null;
}

export function hashOf(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

interface Envelope<T> {
  schema: number;
  version: string;
  key: string;
  value: T;
}

function readEnvelope<T>(file: string, version: string, key: string): T | null {
  let parsed: Partial<Envelope<T>>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Envelope<T>>;
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object') return null;
  return parsed.schema === SCHEMA && parsed.version === version && parsed.key === key && parsed.value !== undefined ? parsed.value : null;
}

function isCachedFile(value: unknown): value is CachedFile {
  const v = value as CachedFile;
  return typeof v === 'object' && v !== null && Array.isArray(v.directives) && Array.isArray(v.defects) && (v.facts === undefined || (typeof v.facts.contextKey === 'string' && Array.isArray(v.facts.facts?.calls)));
}

function isCachedRun(value: unknown): value is CachedRun {
  const v = value as CachedRun;
  return typeof v === 'object' && v !== null && Array.isArray(v.findings) && Array.isArray(v.modules) && Array.isArray(v.bindings) && Array.isArray(v.notes);
}

/**
 * The cache in `dir` (created on first write, with a .gitignore so it is never committed).
 * Entries are written whole to a temporary name and renamed, so a reader never sees half of one.
 */
export function diskCache(dir: string, version: string): Cache {
  const root = path.join(dir, `v${SCHEMA}-${version}`);
  const own = path.basename(root);
  let problem: string | null = null;
  let prepared = false;
  const write = (file: string, key: string, value: unknown) => {
    if (problem !== null) return;
    try {
      if (!prepared) {
        mkdirSync(path.join(root, 'files'), { recursive: true });
        mkdirSync(path.join(root, 'runs'), { recursive: true });
        // Entries of other versions can never be read again.
        for (const other of readdirSync(dir).filter((d) => /^v\d+-/.test(d) && d !== own)) rmSync(path.join(dir, other), { recursive: true, force: true });
        writeFileSync(path.join(dir, '.gitignore'), '# Written by cext-audit: the cache is not part of the project.\n*\n');
        prepared = true;
      }
      const envelope: Envelope<unknown> = { schema: SCHEMA, version, key, value };
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, JSON.stringify(envelope));
      renameSync(partial, file);
    } catch (error) {
      problem = `cannot write the cache in ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}); running without it`;
    }
  };
  const fileEntry = (hash: string) => path.join(root, 'files', `${hash}.json`);
  const runEntry = (key: string) => path.join(root, 'runs', `${key}.json`);
  return {
    get problem() {
      return problem;
    },
    file(hash) {
      const value = readEnvelope<unknown>(fileEntry(hash), version, hash);
      return isCachedFile(value) ? value : null;
    },
    storeFile(hash, entry) {
      write(fileEntry(hash), hash, entry);
    },
    run(key) {
      const value = readEnvelope<unknown>(runEntry(key), version, key);
      return isCachedRun(value) ? value : null;
    },
    storeRun(key, run) {
      write(runEntry(key), key, run);
      if (problem === null) pruneRuns(path.join(root, 'runs'));
    },
  };
}

/**
 * Keeps the newest run entries. File entries are kept: one per version of a file ever audited,
 * a few kilobytes each; deleting the directory at any time is safe.
 */
function pruneRuns(dir: string): void {
  try {
    const entries = readdirSync(dir)
      .map((name) => ({ name, mtime: statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of entries.slice(RUNS_KEPT)) unlinkSync(path.join(dir, old.name));
  } catch {
    // Another run pruning at the same time; the next one finishes the job.
  }
}
