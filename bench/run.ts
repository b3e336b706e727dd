// `npm run bench`: every benchmark in one run, each as a ratio against a reference measured in the same run.
import { printPostmortemFigures, run as runPostmortem } from './postmortem';
import { run as runLatency } from './lsp-latency';
import { report as puppetReport, run as runPuppet } from './puppet';
import { analyzePuppetFile } from '../server/src/service/puppetAnalysis';
import { defaultSettings } from '../server/src/settings';
import { loadavg } from 'node:os';

console.log(`bench: node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

printPostmortemFigures(runPostmortem());

const latency = await runLatency();
console.log('\nLSP keystroke -> our diagnostics, over stdio');
console.log(`  ${latency.lines}-line postmortem, ${latency.keystrokes} keystrokes: p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, max ${latency.maxMs} ms (target p95 <= ${latency.targetP95Ms} ms)`);
console.log(`  open -> our diagnostics ${latency.openMs} ms` + (latency.markdownlintMs === undefined ? '' : `; open -> markdownlint's ${latency.markdownlintMs} ms`));
console.log(`  keystrokes right after a pause (markdownlint running): p50 ${latency.afterPause.p50Ms} ms, max ${latency.afterPause.maxMs} ms`);

// Parse + check is the whole analysis a .pp file gets in the editor: parse, checker and style checks.
const puppet = await runPuppet({ analyze: (text) => analyzePuppetFile(text, defaultSettings) });
console.log('\n' + puppetReport(puppet));

// Issue 3's other target: a typical postmortem block (the seed's package + service) under 1 ms.
const seedBlock = "package { 'php-missing-module':\n  ensure => installed,\n}\n\nservice { 'apache2':\n  ensure    => running,\n  enable    => true,\n  subscribe => Package['php-missing-module'],\n}\n";
for (let i = 0; i < 2000; i++) analyzePuppetFile(seedBlock, defaultSettings);
const blockRuns = 5000;
const blockStart = performance.now();
for (let i = 0; i < blockRuns; i++) analyzePuppetFile(seedBlock, defaultSettings);
console.log(`  the seed's puppet block: ${(((performance.now() - blockStart) / blockRuns) * 1000).toFixed(1)} µs for parse + check + style (target < 1 ms)`);
