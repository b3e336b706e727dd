// Keystroke-to-diagnostics latency of the language server over stdio, on a generated 2,000-line postmortem.
// Each keystroke is one incremental didChange; its latency ends when the server publishes diagnostics for
// that version. Target: p95 <= 20 ms. Run alone with `node --import tsx bench/lsp-latency.ts`.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { LspClient, repoRoot } from '../test/protocol/lspClient';

export interface LatencyFigures {
  lines: number;
  keystrokes: number;
  /** didOpen to our first diagnostics. */
  openMs: number;
  /** didOpen to markdownlint's diagnostics (its run starts after the typing pause); undefined when disabled. */
  markdownlintMs?: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Keystrokes sent right after a pause, while markdownlint is likely running: it must not hold them up. */
  afterPause: { keystrokes: number; p50Ms: number; maxMs: number };
  targetP95Ms: number;
}

/** A postmortem in the seed's style, `lines` long: a summary, a long timeline, and long prose sections. */
export function generatePostmortem(lines: number): string {
  const out = [
    '# Postmortem: Storage Cluster Degradation, June 19, 2024',
    '',
    '## Issue Summary',
    '',
    '**Duration of Outage**: 10 hours',
    '- **Start**: June 19, 2024, 08:00 WAT',
    '- **End**: June 19, 2024, 18:00 WAT',
    '',
    '**Impact**:',
    '- Uploads failed for approximately 30% of users during the peak of the incident.',
    '',
    '**Root Cause**:',
    '- A firmware update made the storage controllers drop writes under sustained load.',
    '',
    '## Timeline',
    '',
  ];
  const timelineEntries = Math.floor(lines * 0.3);
  for (let i = 0; i < timelineEntries; i++) {
    const minutes = 8 * 60 + Math.floor((i * 600) / timelineEntries);
    const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    out.push(`- **${clock} WAT**: Step ${i + 1} of the investigation: checked controller ${i % 12} and recorded its write latency.`);
  }
  out.push('', '## Root Cause and Resolution', '');
  const prose = Math.floor((lines - out.length) * 0.6);
  for (let i = 0; i < prose; i++) {
    out.push(i % 6 === 5 ? '' : `The controller on node ${i % 40} acknowledged writes before they reached the disk, so replicas diverged (${i}).`);
  }
  out.push('', '## Corrective and Preventative Measures', '');
  while (out.length < lines - 1) out.push(`- [ ] Add a write-verification check for controller batch ${out.length}.`);
  out.push('');
  return out.join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

export interface LatencyOptions {
  lines?: number;
  keystrokes?: number;
  pauses?: number;
  /** The `postmortem` settings, e.g. `{ markdownlint: { enable: false } }` to measure without it. */
  settings?: Record<string, unknown>;
  /** Node options for the server, e.g. ['--cpu-prof']. */
  serverExecArgv?: string[];
}

export async function run(options: LatencyOptions = {}): Promise<LatencyFigures> {
  const lines = options.lines ?? 2_000;
  const keystrokes = options.keystrokes ?? 300;
  const pauses = options.pauses ?? 8;
  const client = await LspClient.start({ execArgv: options.serverExecArgv, settings: options.settings });
  try {
    const uri = pathToFileURL(join(repoRoot, 'bench-latency-postmortem.md')).href;
    const text = generatePostmortem(lines);
    const opened = performance.now();
    const first = client.nextDiagnostics(uri);
    const markdownlintEnabled = (options.settings?.markdownlint as { enable?: boolean } | undefined)?.enable !== false;
    const markdownlint = markdownlintEnabled && client.nextDiagnostics(uri, (d) => d.some((x) => x.source === 'markdownlint'));
    await client.open(uri, text);
    await first;
    const openMs = performance.now() - opened;
    const markdownlintMs = markdownlint ? (await markdownlint, performance.now() - opened) : undefined;

    // Type into the middle of a prose line, one character per didChange.
    const line = text.split('\n').findIndex((l, n) => n > lines / 2 && l.startsWith('The controller'));
    let character = 4;
    const keystroke = async (): Promise<number> => {
      const version = client.version(uri) + 1;
      const published = client.nextDiagnostics(uri, (_, v) => v === version);
      const start = performance.now();
      await client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }]);
      await published;
      character++;
      return performance.now() - start;
    };

    const samples: number[] = [];
    for (let i = 0; i < keystrokes; i++) samples.push(await keystroke());

    // A pause long enough for markdownlint to start on the latest text, then a keystroke.
    const afterPause: number[] = [];
    for (let i = 0; i < pauses; i++) {
      await new Promise((resolve) => setTimeout(resolve, 320));
      afterPause.push(await keystroke());
    }

    samples.sort((a, b) => a - b);
    afterPause.sort((a, b) => a - b);
    return {
      lines: text.split('\n').length,
      keystrokes,
      openMs: round(openMs),
      ...(markdownlintMs === undefined ? {} : { markdownlintMs: round(markdownlintMs) }),
      p50Ms: round(percentile(samples, 50)),
      p95Ms: round(percentile(samples, 95)),
      maxMs: round(samples[samples.length - 1]),
      afterPause: { keystrokes: pauses, p50Ms: round(percentile(afterPause, 50)), maxMs: round(afterPause[afterPause.length - 1]) },
      targetP95Ms: 20,
    };
  } finally {
    await client.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `--profile DIR` writes a CPU profile of the server process there.
  const profile = process.argv.indexOf('--profile');
  const figures = await run(profile > 0 ? { serverExecArgv: ['--cpu-prof', `--cpu-prof-dir=${process.argv[profile + 1] ?? '.'}`] } : {});
  console.log(JSON.stringify(figures, null, 2));
  if (figures.p95Ms > figures.targetP95Ms) {
    console.error(`p95 ${figures.p95Ms} ms is over the ${figures.targetP95Ms} ms target`);
    process.exitCode = 1;
  }
}
