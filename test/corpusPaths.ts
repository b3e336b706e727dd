// Where the shared data lives: ../shared next to the repository (never copied into it).
// Tests that read it skip, with `sharedSkipMessage`, on machines that do not have it.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const sharedRoot = resolve(repoRoot, '..', 'shared');

export const sharedAvailable = existsSync(sharedRoot);

export const sharedSkipMessage = `../shared not found (looked in ${sharedRoot}): tests on the shared corpus are skipped`;
