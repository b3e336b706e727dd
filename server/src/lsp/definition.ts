// textDocument/definition in Puppet code (a manifest or a fence): a variable to its assignment, a reference
// to its resource (in another fence of the same postmortem too), an `include` to its class anywhere in
// the workspace.
import type { Connection, Location } from 'vscode-languageserver/node';
import { puppetDefinitionAt } from '../service/puppetFeatures';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerDefinition(connection: Connection, open: OpenDocuments, guard: Guard): void {
  connection.onDefinition(
    guard('Go to definition', [], async ({ textDocument, position }): Promise<Location[]> => {
      const analyzed = await open.analyzed(textDocument.uri);
      return analyzed ? puppetDefinitionAt(analyzed, textDocument.uri, position, open.puppet.index) : [];
    }),
  );
}
