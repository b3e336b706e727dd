// Bundles the client, the server and the CLI into dist/ as CommonJS for Node 20 and 22.
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  external: ['vscode'],
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/pmkit.ts'], outfile: 'dist/pmkit.js', banner: { js: '#!/usr/bin/env node' } },
];

const { existsSync } = await import('node:fs');
await Promise.all(
  entries
    .filter((e) => existsSync(e.entryPoints[0]))
    .map((e) => (watch ? import('esbuild').then((m) => m.context({ ...common, ...e }).then((c) => c.watch())) : build({ ...common, ...e }))),
);
