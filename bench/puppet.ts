// Puppet parse speed over the shared corpus (modules and the code embedded in their specs), and,
// when `puppet` is installed, the same files through `puppet parser validate` for comparison.
// An `analyze` function (parse + checker + style) can be passed in to measure parse + check.
// Run alone with `node --import tsx bench/puppet.ts`; target: >= 40 MB/s for parse + check.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parsePuppet } from '../server/src/puppet/parser';
import { sharedRoot } from '../test/corpusPaths';
import { corpusManifests, findPuppet, validateBatch, validateOne } from './puppetValidate';

/** The whole analysis of one file (parse + checker + style), timed against parsing alone. */
export type PuppetAnalysis = (text: string) => unknown;

export interface PuppetBenchFigures {
  files: number;
  megabytes: number;
  /** The very first parse in the process (a small block), as a language server's first request sees it. */
  firstBlockMs: number;
  /** First pass over the corpus, before the JIT has warmed up. */
  coldMs: number;
  /** Median of the timed passes, warm. */
  parseMs: number;
  parseMsPerFile: number;
  parseMBps: number;
  /** Set when an analysis was given: parse + check, warm. */
  parseCheckMs?: number;
  parseCheckMBps?: number;
  /** Files of at most 60 lines, the size of a postmortem's puppet block: per-file parse time. */
  smallFiles: { count: number; p50Ms: number; p95Ms: number; maxMs: number };
  targetMBps: number;
  puppet?: {
    batchMs: number;
    batchProcesses: number;
    batchMsPerFile: number;
    perProcessFiles: number;
    perProcessMsPerFile: number;
    /** How many times faster we are than one batch, and than one process per file. */
    speedupVsBatch: number;
    speedupVsPerProcess: number;
  };
}

const TIMED_PASSES = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function timePass(texts: readonly string[], analyze: PuppetAnalysis = parsePuppet): number {
  const started = performance.now();
  for (const text of texts) analyze(text);
  return performance.now() - started;
}

export async function run(options: { analyze?: PuppetAnalysis; withPuppet?: boolean } = {}): Promise<PuppetBenchFigures> {
  const files = corpusManifests();
  if (files.length === 0) throw new Error(`no Puppet corpus under ${sharedRoot}`);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;

  const firstBlock = texts.find((t) => t.split('\n').length <= 60) ?? texts[0];
  const firstStarted = performance.now();
  parsePuppet(firstBlock);
  const firstBlockMs = performance.now() - firstStarted;
  const coldMs = timePass(texts);
  for (let i = 0; i < 2; i++) timePass(texts);
  const parseMs = median(Array.from({ length: TIMED_PASSES }, () => timePass(texts)));

  let parseCheckMs: number | undefined;
  if (options.analyze) {
    // The same warm-up as parsing gets, so both are timed with optimised code.
    for (let i = 0; i < 3; i++) timePass(texts, options.analyze);
    parseCheckMs = median(Array.from({ length: TIMED_PASSES }, () => timePass(texts, options.analyze)));
  }

  const smallTimes = texts
    .filter((t) => t.split('\n').length <= 60)
    .map((t) => {
      const started = performance.now();
      parsePuppet(t);
      return performance.now() - started;
    })
    .sort((a, b) => a - b);

  const figures: PuppetBenchFigures = {
    files: files.length,
    megabytes,
    firstBlockMs,
    coldMs,
    parseMs,
    parseMsPerFile: parseMs / files.length,
    parseMBps: megabytes / (parseMs / 1000),
    parseCheckMs,
    parseCheckMBps: parseCheckMs === undefined ? undefined : megabytes / (parseCheckMs / 1000),
    smallFiles: { count: smallTimes.length, p50Ms: quantile(smallTimes, 0.5), p95Ms: quantile(smallTimes, 0.95), maxMs: smallTimes[smallTimes.length - 1] },
    targetMBps: 40,
  };

  const puppet = options.withPuppet === false ? undefined : findPuppet();
  if (puppet) {
    const batch = validateBatch(puppet, files, new Map(files.map((f, i) => [f, texts[i]])));
    const sample = files.filter((_, i) => i % Math.ceil(files.length / 20) === 0).slice(0, 20);
    const perProcessMs = sample.reduce((sum, f) => sum + validateOne(puppet, f).ms, 0);
    // Puppet's validate parses and validates, so compare it with our whole analysis when it was measured.
    const ours = (parseCheckMs ?? parseMs) / files.length;
    figures.puppet = {
      batchMs: batch.ms,
      batchProcesses: batch.processes,
      batchMsPerFile: batch.ms / files.length,
      perProcessFiles: sample.length,
      perProcessMsPerFile: perProcessMs / sample.length,
      speedupVsBatch: batch.ms / files.length / ours,
      speedupVsPerProcess: perProcessMs / sample.length / ours,
    };
  }
  return figures;
}

export function report(f: PuppetBenchFigures): string {
  const lines = [
    `puppet parse: ${f.files} files, ${f.megabytes.toFixed(2)} MB`,
    `  first block in a fresh process ${f.firstBlockMs.toFixed(2)} ms; cold first pass ${f.coldMs.toFixed(0)} ms; warm ${f.parseMs.toFixed(1)} ms = ${f.parseMsPerFile.toFixed(3)} ms/file, ${f.parseMBps.toFixed(1)} MB/s`,
    `  files <= 60 lines (${f.smallFiles.count}): p50 ${f.smallFiles.p50Ms.toFixed(3)} ms, p95 ${f.smallFiles.p95Ms.toFixed(3)} ms, max ${f.smallFiles.maxMs.toFixed(3)} ms`,
  ];
  if (f.parseCheckMBps !== undefined) {
    lines.push(`  parse + check ${f.parseCheckMs!.toFixed(1)} ms, ${f.parseCheckMBps.toFixed(1)} MB/s (target ${f.targetMBps} MB/s)`);
  }
  if (f.puppet) {
    const p = f.puppet;
    lines.push(
      `  puppet parser validate: batch ${p.batchMs.toFixed(0)} ms in ${p.batchProcesses} processes (${p.batchMsPerFile.toFixed(2)} ms/file); ` +
        `one process per file ${p.perProcessMsPerFile.toFixed(0)} ms/file over ${p.perProcessFiles} files`,
      `  our ${f.parseCheckMs === undefined ? 'parse' : 'parse + check'} is ${p.speedupVsBatch.toFixed(0)}x faster than the batch, ${p.speedupVsPerProcess.toFixed(0)}x faster than a process per file`,
    );
  } else {
    lines.push('  puppet not on PATH: no comparison with puppet parser validate');
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(report(await run()));
}
