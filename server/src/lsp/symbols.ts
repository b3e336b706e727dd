// textDocument/documentSymbol: the outline of sections and timeline entries, with the Puppet code of fences
// under their sections; in a manifest, its classes, defines, nodes and resources.
import { SymbolKind, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import { documentOutline } from '../service/puppetFeatures';
import type { OutlineSymbol } from '../service/symbols';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

const kinds: Record<OutlineSymbol['kind'], SymbolKind> = {
  // What VS Code's own Markdown outline uses for headings.
  section: SymbolKind.String,
  timelineEntry: SymbolKind.Event,
  class: SymbolKind.Class,
  define: SymbolKind.Struct,
  node: SymbolKind.Namespace,
  resource: SymbolKind.Object,
  function: SymbolKind.Function,
  type: SymbolKind.TypeParameter,
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
      const analyzed = await open.analyzed(params.textDocument.uri);
      return analyzed ? documentOutline(analyzed).map(toDocumentSymbol) : [];
    }),
  );
}
