// Our postmortem analysis (model + rules + puppet blocks) against markdownlint alone, on the same texts in the same run.
// Reported as ms per document, MB/s and the speed ratio per byte. Target: ours >= 10x markdownlint.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzePostmortem } from '../server/src/service/analyze';
import { defaultSettings } from '../server/src/settings';
import { lintErrors } from '../server/src/markdown/markdownlint';
import { proseConfig } from '../server/src/markdown/markdownlintConfig';
import { sharedAvailable, sharedRoot } from '../test/corpusPaths';
import { generatePostmortem } from './lsp-latency';

export interface Throughput {
  docs: number;
  bytes: number;
  msPerDoc: number;
  mbPerSec: number;
}

export interface PostmortemBenchFigures {
  label: string;
  ours: Throughput;
  markdownlint: Throughput;
  /** How many times faster ours is per byte. */
  ratio: number;
}

/**
 * Runs `work` over all texts until at least `minMs` has passed, after a warm-up of `warmMs` so both sides are
 * measured with optimised code rather than V8's compile time; returns the mean per pass.
 */
function measure(texts: readonly string[], work: (text: string) => unknown, minMs = 1500, warmMs = 1000): Throughput {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const warmStart = performance.now();
  do for (const t of texts) work(t);
  while (performance.now() - warmStart < warmMs);
  let passes = 0;
  const start = performance.now();
  do {
    for (const t of texts) work(t);
    passes++;
  } while (performance.now() - start < minMs);
  const ms = (performance.now() - start) / passes;
  return { docs: texts.length, bytes, msPerDoc: ms / texts.length, mbPerSec: bytes / 1e6 / (ms / 1000) };
}

function compare(label: string, texts: readonly string[]): PostmortemBenchFigures {
  const ours = measure(texts, (text) => analyzePostmortem(text, defaultSettings));
  const markdownlint = measure(texts, (text) => lintErrors({ text, config: proseConfig, noInlineConfig: false }));
  return { label, ours, markdownlint, ratio: ours.mbPerSec / markdownlint.mbPerSec };
}

export function run(): PostmortemBenchFigures[] {
  const figures: PostmortemBenchFigures[] = [];
  if (sharedAvailable) {
    const dir = join(sharedRoot, 'corpus/postmortems');
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    figures.push(compare(`shared corpus (${texts.length} documents)`, texts));
  } else {
    console.log('bench: ../shared not found; the corpus comparison is skipped');
  }
  figures.push(compare('generated 5,000-line postmortem', [generatePostmortem(5000)]));
  return figures;
}

export function printPostmortemFigures(figures: readonly PostmortemBenchFigures[]): void {
  console.log('\nPostmortem analysis vs markdownlint alone (same texts, same run)');
  for (const f of figures) {
    console.log(`  ${f.label}: ${(f.ours.bytes / 1024).toFixed(0)} KiB`);
    console.log(`    ours          ${f.ours.msPerDoc.toFixed(3)} ms/doc  ${f.ours.mbPerSec.toFixed(1)} MB/s`);
    console.log(`    markdownlint  ${f.markdownlint.msPerDoc.toFixed(3)} ms/doc  ${f.markdownlint.mbPerSec.toFixed(2)} MB/s`);
    console.log(`    ratio         ${f.ratio.toFixed(1)}x faster per byte (target >= 10x)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printPostmortemFigures(run());
