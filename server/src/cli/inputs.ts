// Which files a `pmkit` command reads, and reading them safely: every way a path can fail becomes a
// one-line message, never an exception with a stack.
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { filesBelow } from '../service/workspaceFiles';

/** A problem with one input; the command reports it and exits 2 (see docs/cli.md). */
export class InputError extends Error {}

/** Larger documents are refused: no postmortem is this long, and markdownlint would take many seconds on it. */
export const maxDocumentBytes = 5 * 1024 * 1024;

/**
 * The files named by `args` (files, folders searched recursively, or globs), with one of `extensions`,
 * sorted and without duplicates. An argument that names nothing lintable is an InputError: a CI job
 * pointed at the wrong folder must fail, not pass with nothing checked.
 */
export function collectFiles(args: readonly string[], extensions: readonly string[], cwd = process.cwd()): string[] {
  const files = new Set<string>();
  const wanted = (file: string) => extensions.includes(path.extname(file).toLowerCase());
  const kinds = extensions.length > 1 ? `${extensions.slice(0, -1).join(', ')} or ${extensions[extensions.length - 1]}` : extensions[0];
  for (const arg of args) {
    const absolute = path.resolve(cwd, arg);
    const stats = statOrUndefined(absolute);
    let found: string[];
    if (stats?.isFile()) {
      // A file named explicitly is linted whatever its name says, as long as its type is one we read.
      if (!wanted(absolute)) throw new InputError(`${arg}: not a ${kinds} file`);
      found = [absolute];
    } else if (stats?.isDirectory()) {
      found = walk(absolute).filter(wanted);
      if (found.length === 0) throw new InputError(`${arg}: no ${kinds} files in this folder`);
    } else if (picomatch.scan(arg).isGlob) {
      found = expandGlob(arg, cwd).filter(wanted);
      if (found.length === 0) throw new InputError(`${arg}: no ${kinds} files match this pattern`);
    } else {
      throw new InputError(`${arg}: no such file or folder`);
    }
    for (const file of found) files.add(file);
  }
  return [...files].sort();
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Every file below `folder` (see filesBelow); an unreadable folder is an InputError, not a silent gap. */
function walk(folder: string): string[] {
  return filesBelow(folder, (current, error) => {
    throw new InputError(`${current}: cannot read folder (${error.code ?? error})`);
  });
}

/** The arguments that name folders: the CLI's workspace roots. */
export function folderArguments(args: readonly string[], cwd = process.cwd()): string[] {
  return args.map((arg) => path.resolve(cwd, arg)).filter((folder) => statOrUndefined(folder)?.isDirectory());
}

// Globs are matched below their literal base (docs/**/*.md searches docs/), with forward slashes on every OS.
function expandGlob(glob: string, cwd: string): string[] {
  const pattern = glob.replace(/\\/g, '/');
  const { base } = picomatch.scan(pattern);
  const root = path.resolve(cwd, base || '.');
  if (!statOrUndefined(root)?.isDirectory()) return [];
  const matches = picomatch(path.posix.isAbsolute(pattern) ? pattern : path.posix.join(toPosix(cwd), pattern), { dot: false });
  return walk(root).filter((file) => matches(toPosix(file)));
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** A document's text, or an InputError saying why it cannot be linted. */
export interface DocumentText {
  text: string;
  /** A UTF-8 byte order mark was removed; written back on --fix. */
  bom: boolean;
}

export function readDocument(file: string): DocumentText {
  const stats = statOrUndefined(file);
  if (!stats) throw new InputError('no such file');
  if (stats.size > maxDocumentBytes) {
    throw new InputError(`${megabytes(stats.size)} is larger than the ${megabytes(maxDocumentBytes)} limit for one document`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  // Text never holds NUL; binary formats nearly always do within the first few kilobytes.
  if (bytes.subarray(0, 8192).includes(0)) throw new InputError('binary file, not text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError('not valid UTF-8 text (save it as UTF-8)');
  }
  const bom = text.startsWith('\uFEFF');
  return { text: bom ? text.slice(1) : text, bom };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How a path is shown: relative to the working directory when below it, always with forward slashes. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, file);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return toPosix(shown);
}
