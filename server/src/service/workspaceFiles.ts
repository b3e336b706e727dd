// The workspace on disk, for the CLI and the language server: which files a folder holds, and reading
// them without exceptions. The analysis itself never touches the disk.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Folders never searched: dependencies and tool state, not sources. */
const skippedFolders = new Set(['node_modules']);

/**
 * Every file below `folder`, skipping hidden folders (.git, .vscode) and node_modules. A folder that cannot
 * be read is passed to `unreadable`, which may throw; by default it is skipped.
 */
export function filesBelow(folder: string, unreadable: (folder: string, error: NodeJS.ErrnoException) => void = () => {}): string[] {
  const files: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      unreadable(current, error as NodeJS.ErrnoException);
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !skippedFolders.has(entry.name)) pending.push(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  }
  return files;
}

/** A UTF-8 file's text without its byte order mark, or undefined when it is missing or unreadable. */
export function readTextFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}
