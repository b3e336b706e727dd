import { LspClient } from './lspClient';
import { paymentsPostmortem, workspaceUri } from './fixtures';
const client = await LspClient.start({ pullDiagnostics: true });
const t0 = performance.now();
const uri = workspaceUri('incidents/pulled-postmortem.md');
await client.open(uri, paymentsPostmortem.replace('## Timeline\n', '## Timeline   \n'));
for (let i = 0; i < 3; i++) {
  await client.nextRefresh().catch(() => undefined);
  const d = await client.pullDiagnostics(uri);
  console.log(Math.round(performance.now() - t0), 'refresh', i, d.map((x) => x.source).join(','));
}
await client.stop();
