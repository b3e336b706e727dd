// Serving a request declared in protocol.ts, with its declared parameter and result types.
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { CustomRequest } from '../protocol';

export function onCustomRequest<P, R>(connection: Connection, request: CustomRequest<P, R>, handler: (params: P, token: CancellationToken) => Promise<R>): void {
  connection.onRequest(request.method, (params: P, token: CancellationToken) => handler(params, token));
}
