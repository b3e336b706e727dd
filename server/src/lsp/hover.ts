// textDocument/hover: how long after the outage start a timeline entry happened, and in Puppet code (a
// manifest or a fence) the docs of types, attributes and metaparameters, classes and variables.
import { MarkupKind, type Connection, type Hover } from 'vscode-languageserver/node';
import { timelineHover } from '../service/hover';
import { puppetHoverAt } from '../service/puppetFeatures';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerHover(connection: Connection, open: OpenDocuments, guard: Guard): void {
  connection.onHover(
    guard('Hover', null, async ({ textDocument, position }): Promise<Hover | null> => {
      const analyzed = await open.analyzed(textDocument.uri);
      if (!analyzed) return null;
      const info =
        (analyzed.kind === 'postmortem' ? timelineHover(analyzed.analysis.model, position) : undefined) ??
        puppetHoverAt(analyzed, textDocument.uri, position, open.puppet.index);
      return info ? { range: info.range, contents: { kind: MarkupKind.Markdown, value: info.contents } } : null;
    }),
  );
}
