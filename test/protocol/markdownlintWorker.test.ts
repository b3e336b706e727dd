// markdownlint runs in a worker process of the server: it must go when the server goes, however it goes.
// The worker shares the server's stderr, so the client sees that pipe close only once both have exited.
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { paymentsPostmortem, workspaceUri } from './fixtures';
import { LspClient } from './lspClient';

/** A server whose markdownlint worker is running: it has published markdownlint's diagnostics. */
async function serverWithWorker(name: string): Promise<LspClient> {
  const client = await LspClient.start();
  const uri = workspaceUri(`incidents/${name}-postmortem.md`);
  const linted = client.nextDiagnostics(uri, (d) => d.some((x) => x.source === 'markdownlint'));
  await client.open(uri, paymentsPostmortem);
  await linted;
  return client;
}

describe('markdownlint worker process', () => {
  it('exits with the server on shutdown', { timeout: 20_000 }, async () => {
    const client = await serverWithWorker('shutdown');
    const closed = once(client.process, 'close');
    await client.stop();
    await closed;
  });

  it('exits when the server is killed outright', { timeout: 20_000 }, async () => {
    const client = await serverWithWorker('killed');
    const closed = once(client.process, 'close');
    client.process.kill('SIGKILL');
    await closed;
    client.connection.dispose();
  });
});
