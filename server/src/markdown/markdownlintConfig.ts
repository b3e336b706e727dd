// Finds the markdownlint configuration that applies to a file, the way markdownlint-cli2 does, so the
// extension, `pmkit` and the user's own markdownlint-cli2 runs agree on what is reported.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { load as loadYaml } from 'js-yaml';
import type { Configuration } from 'markdownlint';

/**
 * Used when the user has no markdownlint configuration. markdownlint's own default is tuned for
 * documentation sites; postmortems are prose written once under time pressure, so rules that only
 * police source layout or that our postmortem rules already report (with a better message and a fix) are off.
 */
export const proseConfig: Configuration = {
  default: true,
  // Paragraphs are prose: wrapping them at 80 columns is a code-style habit, and it flagged every corpus document.
  MD013: false,
  // A file often holds the same postmortem twice (the seed has a plain and a fun version), so section
  // titles repeat under different parents; only duplicates side by side are a mistake.
  MD024: { siblings_only: true },
  // A course or series title above the postmortem's own title, or two versions in one file, both need two H1s.
  MD025: false,
  // Inline elements people use in prose for layout and images; block HTML is still reported.
  MD033: { allowed_elements: ['br', 'img', 'sup', 'sub', 'kbd', 'details', 'summary'] },
  // Nested list indentation of 2 or 4 spaces renders the same; the corpus uses both.
  MD007: false,
  // PM004 (pseudo-heading) reports bold section titles, knows which ones are sections, and fixes them.
  MD036: false,
  // PM005 (heading-hash-space) reports '#Title' with a fix.
  MD018: false,
};

/** The settings markdownlint needs for one file, and where they came from. */
export interface MarkdownlintSettings {
  config: Configuration;
  /** From a `.markdownlint-cli2.*` file: ignore `<!-- markdownlint-disable -->` comments. */
  noInlineConfig: boolean;
  /** The file the config came from; undefined when `proseConfig` applies. */
  file?: string;
  /** Unreadable or invalid configuration files met on the way, one message each. */
  problems: string[];
}

/** In markdownlint-cli2's order of precedence within one folder. */
const cli2Files = ['.markdownlint-cli2.jsonc', '.markdownlint-cli2.yaml'];
const configFiles = ['.markdownlint.jsonc', '.markdownlint.json', '.markdownlint.yaml', '.markdownlint.yml'];

/** What one folder contributes; cached until a configuration file changes. */
interface FolderConfig {
  /** From `.markdownlint.*`, or else from the `config` property of `.markdownlint-cli2.*`. */
  config?: { value: Configuration; file: string };
  noInlineConfig?: boolean;
  problems: string[];
  /** Every file read to build this entry (including `extends` targets), for invalidation. */
  files: string[];
}

class ConfigError extends Error {}

const maxExtendsDepth = 10;

/** Resolves and caches markdownlint configuration per folder. One instance per workspace (or CLI run). */
export class MarkdownlintConfigs {
  private readonly folders = new Map<string, FolderConfig>();

  /**
   * The settings for `filePath`: the nearest folder (from the file's own up to `root`, or the filesystem
   * root) holding a configuration wins whole, as markdownlint's `.markdownlint.*` files override their parents.
   * `noInlineConfig` is inherited from the nearest `.markdownlint-cli2.*` file that sets it, as markdownlint-cli2
   * merges those files. Without a path (an untitled document) only `root` is consulted.
   */
  resolve(filePath: string | undefined, root?: string): MarkdownlintSettings {
    const problems: string[] = [];
    let found: FolderConfig['config'];
    let noInlineConfig: boolean | undefined;
    const stop = root === undefined ? undefined : path.resolve(root);
    let folder: string | undefined = filePath === undefined ? stop : path.dirname(path.resolve(filePath));
    while (folder !== undefined && (!found || noInlineConfig === undefined)) {
      const entry = this.folder(folder);
      if (!found) {
        problems.push(...entry.problems);
        found = entry.config;
      }
      noInlineConfig ??= entry.noInlineConfig;
      const parent = path.dirname(folder);
      folder = folder === stop || parent === folder ? undefined : parent;
    }
    return { config: found?.value ?? proseConfig, file: found?.file, noInlineConfig: noInlineConfig ?? false, problems };
  }

  /**
   * Forgets what depends on `changedFile` (a configuration file created, changed or deleted), or everything.
   * A new file affects its folder and every folder below it, which may have cached "nothing here".
   */
  invalidate(changedFile?: string): void {
    if (changedFile === undefined) {
      this.folders.clear();
      return;
    }
    const changed = path.resolve(changedFile);
    const folder = path.dirname(changed);
    for (const [key, entry] of this.folders) {
      const below = key === folder || key.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
      if (below || entry.files.includes(changed)) this.folders.delete(key);
    }
  }

  private folder(folder: string): FolderConfig {
    let entry = this.folders.get(folder);
    if (!entry) {
      entry = readFolder(folder);
      this.folders.set(folder, entry);
    }
    return entry;
  }
}

/** True when `fileName` is one of the configuration files discovery reads (for file watchers). */
export function isMarkdownlintConfigFile(fileName: string): boolean {
  const base = path.basename(fileName);
  return cli2Files.includes(base) || configFiles.includes(base);
}

/** The glob a client watches to call `invalidate`. */
export const markdownlintConfigGlob = `**/{${[...cli2Files, ...configFiles].join(',')}}`;

function readFolder(folder: string): FolderConfig {
  const entry: FolderConfig = { problems: [], files: [] };
  const cli2File = firstExisting(folder, cli2Files);
  const configFile = firstExisting(folder, configFiles);
  let cli2Config: Configuration | undefined;
  if (cli2File) {
    try {
      const options = readObject(cli2File, entry.files);
      if (typeof options.noInlineConfig === 'boolean') entry.noInlineConfig = options.noInlineConfig;
      if (options.config !== undefined) cli2Config = asObject(options.config, `${cli2File}: "config"`);
    } catch (error) {
      entry.problems.push(describe(error, cli2File));
    }
  }
  // markdownlint-cli2: a `.markdownlint.*` file beside `.markdownlint-cli2.*` overrides its `config`.
  const own = configFile
    ? { file: configFile, read: () => readObject(configFile, entry.files) }
    : cli2File && cli2Config
      ? { file: cli2File, read: () => cli2Config as Configuration }
      : undefined;
  if (own) {
    try {
      entry.config = { file: own.file, value: withExtends(own.read(), own.file, entry.files, 0) };
    } catch (error) {
      entry.problems.push(describe(error, own.file));
    }
  }
  return entry;
}

function firstExisting(folder: string, names: readonly string[]): string | undefined {
  for (const name of names) {
    const file = path.join(folder, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // Absent: try the next name.
    }
  }
  return undefined;
}

/** Replaces `extends` by the configuration it names, resolved like markdownlint: a path beside the file, else a module. */
function withExtends(config: Configuration, file: string, files: string[], depth: number): Configuration {
  const { extends: base, ...own } = config;
  if (base === undefined || base === null) return own;
  if (typeof base !== 'string') throw new ConfigError('"extends" must be a string');
  if (depth >= maxExtendsDepth) throw new ConfigError(`"extends" chain is deeper than ${maxExtendsDepth} (a cycle?)`);
  const target = resolveExtends(base, file);
  let extended: Configuration;
  try {
    extended = withExtends(readObject(target, files), target, files, depth + 1);
  } catch (error) {
    throw new ConfigError(`"extends": ${describe(error, target)}`);
  }
  return { ...extended, ...own };
}

function resolveExtends(reference: string, file: string): string {
  const beside = path.resolve(path.dirname(file), reference);
  try {
    if (statSync(beside).isFile()) return beside;
  } catch {
    // Not a file: a package such as "markdownlint/style/relaxed".
  }
  try {
    return createRequire(file).resolve(reference);
  } catch {
    return beside;
  }
}

/** Reads a JSON(C) or YAML file holding one object; records it in `files` for invalidation. */
function readObject(file: string, files: string[]): Record<string, unknown> {
  files.push(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error));
  }
  return asObject(/\.ya?ml$/i.test(file) ? parseYaml(text) : parseJsoncStrict(text), 'the file');
}

function parseJsoncStrict(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const first = errors[0];
    const line = text.slice(0, first.offset).split('\n').length;
    throw new ConfigError(`invalid JSON at line ${line}: ${printParseErrorCode(first.error)}`);
  }
  return value;
}

function parseYaml(text: string): unknown {
  try {
    return loadYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(`invalid YAML: ${String((error as Error).message).split('\n')[0]}`);
  }
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${what} must hold an object`);
  return value as Record<string, unknown>;
}

function describe(error: unknown, file: string): string {
  const reason = error instanceof ConfigError ? error.message : String(error);
  return `${file}: ${reason}`;
}
