// The tests that run the reference validator need Debian's `puppet`; elsewhere they skip.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The `puppet` executable on PATH, if installed. */
export const installedPuppet = (process.env.PATH ?? '')
  .split(delimiter)
  .map((folder) => join(folder, 'puppet'))
  .find((candidate) => existsSync(candidate));
