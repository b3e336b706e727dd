// textDocument/completion: section headings and timeline entries, as snippets where the client takes them;
// in Puppet code (a manifest or a fence), types, attributes, values, titles and classes.
import {
  CompletionItemKind,
  CompletionTriggerKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionParams,
  type Connection,
} from 'vscode-languageserver/node';
import type { PuppetCompletion, PuppetCompletionKind } from '../puppet/features/completion';
import { complete, type CompletionSuggestion } from '../service/completion';
import { puppetCompletionsAt } from '../service/puppetFeatures';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

/** Where a heading or a timeline entry starts. */
const markdownTriggers = ['#', '-'];
/** `Package['`, `Package[`, `ensure => `, `-> `: where Puppet code has something to offer right away. */
const puppetTriggers = ["'", '[', '>'];

export const completionTriggers = [...markdownTriggers, ...puppetTriggers];

const kinds: Record<CompletionSuggestion['kind'], CompletionItemKind> = {
  section: CompletionItemKind.Module,
  timelineEntry: CompletionItemKind.Event,
};

const puppetKinds: Record<PuppetCompletionKind, CompletionItemKind> = {
  type: CompletionItemKind.Class,
  attribute: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  metaparameter: CompletionItemKind.Property,
  title: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
  class: CompletionItemKind.Module,
};

export function registerCompletion(connection: Connection, open: OpenDocuments, snippets: boolean, guard: Guard): void {
  const format = snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText;
  const text = (snippet: string) => (snippets ? snippet : plainText(snippet));

  const puppetItem = (completion: PuppetCompletion): CompletionItem => ({
    label: completion.label,
    kind: puppetKinds[completion.kind],
    ...(completion.detail ? { detail: completion.detail } : {}),
    ...(completion.documentation ? { documentation: { kind: MarkupKind.Markdown, value: completion.documentation } } : {}),
    ...(completion.sortText ? { sortText: completion.sortText } : {}),
    insertTextFormat: format,
    ...(completion.replaceRange
      ? { textEdit: { range: completion.replaceRange, newText: text(completion.insertText) } }
      : { insertText: text(completion.insertText) }),
  });

  connection.onCompletion(
    guard('Completion', [], async (params: CompletionParams): Promise<CompletionItem[]> => {
      const { textDocument, position } = params;
      const analyzed = await open.analyzed(textDocument.uri);
      if (!analyzed) return [];
      // A trigger character asks the code it belongs to: a `'` in prose or a `#` in Puppet offers nothing.
      const trigger = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
      const puppet = puppetCompletionsAt(analyzed, textDocument.uri, position, open.puppet.index);
      if (puppet) return trigger === undefined || puppetTriggers.includes(trigger) ? puppet.map(puppetItem) : [];
      if (analyzed.kind !== 'postmortem' || (trigger !== undefined && !markdownTriggers.includes(trigger))) return [];
      const { model, source, profile } = analyzed.analysis;
      return complete(model, source, profile, position).map((suggestion) => ({
        label: suggestion.label,
        kind: kinds[suggestion.kind],
        ...(suggestion.detail ? { detail: suggestion.detail } : {}),
        ...(suggestion.documentation ? { documentation: { kind: MarkupKind.Markdown, value: suggestion.documentation } } : {}),
        filterText: suggestion.filterText,
        sortText: suggestion.sortText,
        insertTextFormat: format,
        textEdit: { range: suggestion.range, newText: text(suggestion.snippet) },
      }));
    }),
  );
}

/**
 * A snippet's text with its placeholders filled by their defaults (a choice by its first value), for
 * clients without snippet support.
 */
function plainText(snippet: string): string {
  const unescape = (text: string) => text.replace(/\\([$}\\,|])/g, '$1');
  return snippet.replace(
    /\\[$}\\]|\$\{\d+:((?:\\.|[^\\}])*)\}|\$\{\d+\|((?:\\.|[^\\,|])*)(?:\\.|[^\\}])*\}|\$\d+/g,
    (match: string, placeholder: string | undefined, choice: string | undefined) =>
      match.startsWith('\\') ? match.slice(1) : unescape(placeholder ?? choice ?? ''),
  );
}
