// Runs the reference tool, `puppet parser validate`, over many manifests, and reads its verdicts.
// Puppet aborts a whole batch when two files define the same entity, so files are grouped so that
// no group defines a name twice (names found with our own parser); a group that still aborts is
// split in halves.
import { execFileSync, spawnSync } from 'node:child_process';
import { parsePuppet } from '../server/src/puppet/parser';
import { walk } from '../server/src/puppet/ast';

export interface PuppetVerdict {
  /** Puppet's errors for the file, in its order. */
  errors: Array<{ message: string; line?: number; column?: number; parse: boolean }>;
}

export interface BatchRun {
  verdicts: Map<string, PuppetVerdict>;
  processes: number;
  ms: number;
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
    if (/Attempt to redefine entity/.test(output) && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      runGroup(group.slice(0, half));
      runGroup(group.slice(half));
      return;
    }
    for (const file of group) verdicts.set(file, { errors: [] });
    readErrors(output, verdicts);
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

function readErrors(output: string, verdicts: Map<string, PuppetVerdict>): void {
  for (const line of output.split('\n')) {
    const m = /^Error: (.*) \(file: (.+?)(?:, line: (\d+), column: (\d+))?\)$/.exec(line);
    if (!m) continue;
    const verdict = verdicts.get(m[2]);
    if (!verdict) continue;
    const parse = m[1].startsWith('Could not parse for environment');
    verdict.errors.push({
      message: m[1].replace(/^Could not parse for environment \w+: /, ''),
      line: m[3] ? Number(m[3]) : undefined,
      column: m[4] ? Number(m[4]) : undefined,
      parse,
    });
  }
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
