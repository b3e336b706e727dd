// textDocument/foldingRange: sections and code fences, and the brackets, heredocs and comments of Puppet code.
import { FoldingRangeKind, type Connection, type FoldingRange } from 'vscode-languageserver/node';
import { documentFolds } from '../service/puppetFeatures';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerFolding(connection: Connection, open: OpenDocuments, guard: Guard): void {
  connection.onFoldingRanges(
    guard('Folding ranges', [], async (params): Promise<FoldingRange[]> => {
      const analyzed = await open.analyzed(params.textDocument.uri);
      if (!analyzed) return [];
      return documentFolds(analyzed).map(({ startLine, endLine, kind }) => ({
        startLine,
        endLine,
        ...(kind === 'comment' ? { kind: FoldingRangeKind.Comment } : {}),
      }));
    }),
  );
}
