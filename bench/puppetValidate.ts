// Runs the reference tool, `puppet parser validate`, over many manifests, and reads its verdicts.
// Puppet aborts a whole batch when two files define the same entity, so files are grouped so that
// no group defines a name twice (names found with our own parser). Some errors also abort the
// batch ("A quoted string is not valid as a name here") and lose the other files' reports: the
// group is then run again without the file that stopped it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePuppet } from '../server/src/puppet/parser';
import { walk } from '../server/src/puppet/ast';
import { sharedRoot } from '../test/corpusPaths';

export interface PuppetVerdict {
  /**
   * Puppet's errors for the file, in its order. `syntax`: an error of the language's form, which
   * our parser reports too (syntax, lexical, a value with no effect); otherwise a validation error,
   * which is the checker's business.
   */
  errors: Array<{ message: string; line?: number; column?: number; syntax: boolean }>;
}

/** Puppet's messages for what our parser reports (as opposed to its semantic validation). */
const syntaxMessages =
  /^(Syntax error|Unclosed|Illegal (fully qualified |class reference|number|name)|Heredoc|Invalid (syntax in heredoc|heredoc)|Not a valid|An escape char|A quoted string|illegal comma|attempt to pass|Virtual \(@\)|Exported \(@@\)|Expression is not valid as a resource|'class' keyword|This .* has no effect|This expression is invalid\. Did you try declaring)/;

export interface BatchRun {
  verdicts: Map<string, PuppetVerdict>;
  processes: number;
  ms: number;
}

/** The .pp files given, and those in the folders given (recursively), folder entries in name order. */
export function manifests(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else if (path.endsWith('.pp')) {
      out.push(path);
    }
  };
  for (const p of paths) visit(resolve(p));
  return out;
}

/** The shared corpus's Puppet code: its modules' manifests and the code embedded in their specs. */
export function corpusManifests(): string[] {
  return manifests(['modules', 'embedded'].map((part) => join(sharedRoot, 'corpus', 'puppet', part)).filter((dir) => existsSync(dir)));
}

/** The `puppet` executable on PATH, or undefined. */
export function findPuppet(): string | undefined {
  try {
    return execFileSync('sh', ['-c', 'command -v puppet'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Validates the files (absolute paths) in as few processes as Puppet allows. */
export function validateBatch(puppet: string, files: readonly string[], texts: ReadonlyMap<string, string>): BatchRun {
  const verdicts = new Map<string, PuppetVerdict>();
  let processes = 0;
  const started = performance.now();
  const runGroup = (group: string[]): void => {
    processes++;
    const result = spawnSync(puppet, ['parser', 'validate', '--color=false', ...group], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${result.stdout}${result.stderr}`;
    const aborted = /Try 'puppet help parser validate'/.test(output);
    if (aborted && /Attempt to redefine entity/.test(output) && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      runGroup(group.slice(0, half));
      runGroup(group.slice(half));
      return;
    }
    for (const file of group) verdicts.set(file, { errors: [] });
    const reported = readErrors(output, verdicts);
    if (aborted) {
      const stopper = reported[reported.length - 1];
      const rest = group.filter((f) => f !== stopper);
      if (stopper !== undefined && rest.length > 0) runGroup(rest);
    }
  };
  for (const group of definitionSafeGroups(files, texts)) runGroup(group);
  return { verdicts, processes, ms: performance.now() - started };
}

/** Validates one file in its own process (Puppet's start-up cost included). */
export function validateOne(puppet: string, file: string): { verdict: PuppetVerdict; ms: number } {
  const started = performance.now();
  const result = spawnSync(puppet, ['parser', 'validate', '--color=false', file], { encoding: 'utf8' });
  const verdicts = new Map<string, PuppetVerdict>([[file, { errors: [] }]]);
  readErrors(`${result.stdout}${result.stderr}`, verdicts);
  return { verdict: verdicts.get(file)!, ms: performance.now() - started };
}

/** Adds the errors in Puppet's output to the verdicts; returns the files they were for, in order. */
function readErrors(output: string, verdicts: Map<string, PuppetVerdict>): string[] {
  const files: string[] = [];
  for (const line of output.split('\n')) {
    const m = /^Error: (.*) \(file: (.+?)(?:, line: (\d+), column: (\d+))?\)$/.exec(line);
    if (!m) continue;
    const verdict = verdicts.get(m[2]);
    if (!verdict) continue;
    files.push(m[2]);
    const message = m[1].replace(/^Could not parse for environment \w+: /, '');
    verdict.errors.push({
      message,
      line: m[3] ? Number(m[3]) : undefined,
      column: m[4] ? Number(m[4]) : undefined,
      syntax: syntaxMessages.test(message),
    });
  }
  return files;
}

/** Groups of files in which no class, define, function or type alias name occurs twice. */
function definitionSafeGroups(files: readonly string[], texts: ReadonlyMap<string, string>): string[][] {
  const groups: Array<{ files: string[]; names: Set<string> }> = [];
  for (const file of files) {
    const names = definedNames(texts.get(file) ?? '');
    let group = groups.find((g) => !names.some((n) => g.names.has(n)));
    if (!group) {
      group = { files: [], names: new Set() };
      groups.push(group);
    }
    group.files.push(file);
    for (const n of names) group.names.add(n);
  }
  return groups.map((g) => g.files);
}

function definedNames(text: string): string[] {
  const names: string[] = [];
  walk(parsePuppet(text).ast, (node) => {
    if (node.type === 'Class' || node.type === 'Define' || node.type === 'Function') names.push(node.name.value.toLowerCase());
    else if (node.type === 'TypeAlias' && node.name.type === 'TypeReference') names.push(node.name.value.toLowerCase());
    else if (node.type === 'TypeDefinition') names.push(node.name.value.toLowerCase());
  });
  return names;
}
