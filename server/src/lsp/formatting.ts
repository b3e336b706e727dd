// Formatting Puppet code: indentation and arrow alignment, whitespace only.
//
// A manifest formats as a whole or by range. In a postmortem only the code of ```puppet fences is ours
// to format: Markdown formatting belongs to the user's Markdown formatter, and a "Format Document" we
// answered would have to choose between doing nothing to the prose and taking over a job that is not
// ours. So a postmortem gets range formatting only ("Format Selection" on a fence, or format on paste),
// which formats the fences the range touches. Where the client registers formatters dynamically the
// selectors say exactly that; a client that takes only static capabilities gets both providers for
// every document, and formatting a whole postmortem then formats its fences and nothing else.
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type Connection,
  type ServerCapabilities,
  type TextEdit,
} from 'vscode-languageserver/node';
import { formatPuppetCode } from '../service/puppetFeatures';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

const manifests = [{ language: 'puppet' }, { pattern: '**/*.pp' }];
const markdown = [{ language: 'markdown' }];

/**
 * Serves formatting requests. Puppet's style is two spaces per level whatever the editor's tab size
 * (puppet-lint's 2sp_soft_tabs), so the request's options are not read. Returns the static capabilities
 * to announce: none when the client registers the providers dynamically (`registerFormatters`).
 */
export function registerFormatting(connection: Connection, open: OpenDocuments, dynamic: boolean, guard: Guard): ServerCapabilities {
  connection.onDocumentFormatting(
    guard('Formatting', [], async ({ textDocument }): Promise<TextEdit[]> => {
      const analyzed = await open.analyzed(textDocument.uri);
      return analyzed ? formatPuppetCode(analyzed) : [];
    }),
  );
  connection.onDocumentRangeFormatting(
    guard('Range formatting', [], async ({ textDocument, range }): Promise<TextEdit[]> => {
      const analyzed = await open.analyzed(textDocument.uri);
      return analyzed ? formatPuppetCode(analyzed, range) : [];
    }),
  );
  return dynamic ? {} : { documentFormattingProvider: true, documentRangeFormattingProvider: true };
}

/** After `initialized`: document formatting for manifests, range formatting for manifests and postmortems. */
export async function registerFormatters(connection: Connection): Promise<void> {
  await connection.client.register(DocumentFormattingRequest.type, { documentSelector: manifests });
  await connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector: [...manifests, ...markdown] });
}
