/**
 * Throwaway directories. Each test file runs in its own process, and every directory it makes
 * lies under one root that is removed when that process exits, so a test run leaves nothing
 * behind in the system's temporary directory.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let root: string | undefined;

export function tempDir(prefix: string): string {
  if (root === undefined) {
    const created = mkdtempSync(path.join(os.tmpdir(), 'cext-audit-tests-'));
    // The unreadable-file test runs the CLI as another user, who must be able to reach its project.
    chmodSync(created, 0o755);
    process.on('exit', () => rmSync(created, { recursive: true, force: true }));
    root = created;
  }
  return mkdtempSync(path.join(root, prefix));
}
