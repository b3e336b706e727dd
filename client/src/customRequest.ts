// Sending a request declared in protocol.ts, with its declared parameter and result types.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CustomRequest } from '../../server/src/protocol';

export function send<P, R>(client: LanguageClient, request: CustomRequest<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
  return client.sendRequest<R>(request.method, params, token);
}
