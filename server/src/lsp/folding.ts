// textDocument/foldingRange: sections and code fences.
import type { Connection, FoldingRange } from 'vscode-languageserver/node';
import { folds } from '../service/folding';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerFolding(connection: Connection, open: OpenDocuments, guard: Guard): void {
  connection.onFoldingRanges(
    guard('Folding ranges', [], async (params): Promise<FoldingRange[]> => {
      const postmortem = await open.postmortem(params.textDocument.uri);
      if (!postmortem) return [];
      return folds(postmortem.analysis.model, postmortem.analysis.source).map(({ startLine, endLine }) => ({ startLine, endLine }));
    }),
  );
}
