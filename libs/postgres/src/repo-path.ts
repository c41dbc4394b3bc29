import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | undefined;

/**
 * Absolute path of a file in the repository. Code runs both from sources (tests) and from dist/
 * (services), so data files such as SQL migrations and JSON contracts are located from the
 * repository root rather than from __dirname.
 */
export function repoPath(...segments: string[]): string {
  cachedRoot ??= process.env.ASSAY_ROOT ?? findRoot(__dirname);
  return join(cachedRoot, ...segments);
}

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`repository root (nx.json) not found above ${start}`);
    dir = parent;
  }
  return dir;
}
