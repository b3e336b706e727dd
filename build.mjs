// Bundles the client, the server and the CLI into dist/ as CommonJS for Node 20 and 22.
import { build, context } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  external: ['vscode'],
  // Prefer packages' ES module builds: jsonc-parser's UMD main hides its requires from the bundler.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/pmkit.ts'], outfile: 'dist/pmkit.js', banner: { js: '#!/usr/bin/env node' } },
  // markdownlint runs off the server's main thread in this worker (see server/src/markdown/markdownlint.ts).
  { entryPoints: ['server/src/markdown/markdownlintWorker.ts'], outfile: 'dist/markdownlint-worker.js' },
  // Our rules as markdownlint custom rules, for markdownlint-cli2's `customRules` (docs/cli.md).
  { entryPoints: ['server/src/markdown/markdownlintRules.cts'], outfile: 'dist/markdownlint-rules.js' },
];

// A missing entry fails the build: it would otherwise ship a .vsix without that bundle.
await Promise.all(entries.map((e) => (watch ? context({ ...common, ...e }).then((c) => c.watch()) : build({ ...common, ...e }))));
