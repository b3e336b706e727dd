// textDocument/hover: how long after the outage start a timeline entry happened.
import { MarkupKind, type Connection, type Hover } from 'vscode-languageserver/node';
import { timelineHover } from '../service/hover';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerHover(connection: Connection, open: OpenDocuments, guard: Guard): void {
  connection.onHover(
    guard('Hover', null, async (params): Promise<Hover | null> => {
      const postmortem = await open.postmortem(params.textDocument.uri);
      const info = postmortem && timelineHover(postmortem.analysis.model, params.position);
      return info ? { range: info.range, contents: { kind: MarkupKind.Markdown, value: info.contents } } : null;
    }),
  );
}
