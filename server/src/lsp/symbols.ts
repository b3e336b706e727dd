// textDocument/documentSymbol: the outline of sections and timeline entries.
import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { outline, type OutlineSymbol } from '../service/symbols';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

const kinds: Record<OutlineSymbol['kind'], SymbolKind> = {
  // What VS Code's own Markdown outline uses for headings.
  section: SymbolKind.String,
  timelineEntry: SymbolKind.Event,
};

function toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: kinds[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}

export function registerSymbols(connection: Connection, open: OpenDocuments, guard: Guard): void {
  connection.onDocumentSymbol(
    guard('Document symbols', [], async (params) => {
      const postmortem = await open.postmortem(params.textDocument.uri);
      return postmortem ? outline(postmortem.analysis.model).map(toDocumentSymbol) : [];
    }),
  );
}
