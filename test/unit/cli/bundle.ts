// Builds one of the shipped bundles into a temporary folder, with build.mjs's options, so tests run what
// users run without depending on (or racing) a dist/ built by someone else.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Bundles {
  /** Folder laid out like the package: package.json, and dist/ with the bundles. */
  root: string;
  /** Absolute path of each built bundle by its dist/ name, e.g. 'pmkit.js'. */
  file(name: string): string;
  remove(): void;
}

/** `entries` maps a dist/ file name to its entry point below the repository root. */
export async function buildBundles(entries: Record<string, string>): Promise<Bundles> {
  const root = mkdtempSync(path.join(tmpdir(), 'pmkit-bundle-'));
  mkdirSync(path.join(root, 'dist'));
  // pmkit --version reads the package.json beside dist/.
  copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  await Promise.all(
    Object.entries(entries).map(([name, entry]) =>
      build({
        entryPoints: [path.join(repoRoot, entry)],
        outfile: path.join(root, 'dist', name),
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        mainFields: ['module', 'main'],
        external: ['vscode'],
        logLevel: 'error',
      }),
    ),
  );
  return {
    root,
    file: (name) => path.join(root, 'dist', name),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
