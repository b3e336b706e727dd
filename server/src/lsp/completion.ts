// textDocument/completion: section headings and timeline entries, as snippets where the client takes them.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Connection } from 'vscode-languageserver/node';
import { complete, type CompletionSuggestion } from '../service/completion';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export const completionTriggers = ['#', '-'];

const kinds: Record<CompletionSuggestion['kind'], CompletionItemKind> = {
  section: CompletionItemKind.Module,
  timelineEntry: CompletionItemKind.Event,
};

export function registerCompletion(connection: Connection, open: OpenDocuments, snippets: boolean, guard: Guard): void {
  connection.onCompletion(
    guard('Completion', [], async (params): Promise<CompletionItem[]> => {
      const postmortem = await open.postmortem(params.textDocument.uri);
      if (!postmortem) return [];
      const { model, source, profile } = postmortem.analysis;
      return complete(model, source, profile, params.position).map((suggestion) => ({
        label: suggestion.label,
        kind: kinds[suggestion.kind],
        ...(suggestion.detail ? { detail: suggestion.detail } : {}),
        ...(suggestion.documentation ? { documentation: { kind: MarkupKind.Markdown, value: suggestion.documentation } } : {}),
        filterText: suggestion.filterText,
        sortText: suggestion.sortText,
        insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: suggestion.range, newText: snippets ? suggestion.snippet : plainText(suggestion.snippet) },
      }));
    }),
  );
}

/** A snippet's text with its placeholders filled by their defaults, for clients without snippet support. */
function plainText(snippet: string): string {
  const unescape = (text: string) => text.replace(/\\([$}\\])/g, '$1');
  return snippet.replace(/\\[$}\\]|\$\{\d+:((?:\\.|[^\\}])*)\}|\$\d+/g, (match: string, placeholder: string | undefined) =>
    match.startsWith('\\') ? match.slice(1) : placeholder !== undefined ? unescape(placeholder) : '',
  );
}
