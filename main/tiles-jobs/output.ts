/**
 * A tile set is built in a temporary folder beside its final place and swapped in only
 * when the build succeeded; the old set (on a rebuild) goes once the catalog row is
 * committed, and comes back if that fails. Environment: node.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** `<workspace without .gpkg>.tiles`, as WorkspaceService.tilesDir() (a worker has no service). */
export function tilesDirFor(workspacePath: string): string {
  return path.resolve(workspacePath).replace(/\.gpkg$/i, '') + '.tiles';
}

export interface StagedOutput {
  /** Where the build writes. */
  dir: string;
  /** Swaps the build into `target`; returns an undo that restores what was there. */
  commit(): { undo(): void; finish(): void };
  /** Removes the temporary folder (after an error or a cancel). */
  discard(): void;
}

export function stageOutput(tilesDir: string, relativeTarget: string): StagedOutput {
  const target = path.join(tilesDir, relativeTarget);
  const tag = randomBytes(6).toString('hex');
  const dir = path.join(tilesDir, `.build-${tag}`);
  fs.mkdirSync(dir, { recursive: true });
  return {
    dir,
    commit() {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const old = fs.existsSync(target) ? path.join(tilesDir, `.old-${tag}`) : null;
      if (old) fs.renameSync(target, old);
      fs.renameSync(dir, target);
      return {
        undo() {
          fs.rmSync(target, { recursive: true, force: true });
          if (old) fs.renameSync(old, target);
        },
        finish() {
          if (old) fs.rmSync(old, { recursive: true, force: true });
        },
      };
    },
    discard() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
