// postmortem/model: the model of an open postmortem, for the preview.
import type { Connection } from 'vscode-languageserver/node';
import { ModelRequest } from '../protocol';
import { onCustomRequest } from './customRequest';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerModelRequest(connection: Connection, open: OpenDocuments, guard: Guard): void {
  onCustomRequest(
    connection,
    ModelRequest,
    guard('Postmortem model', null, async ({ uri }) => {
      const postmortem = await open.postmortem(uri);
      return postmortem ? { version: postmortem.document.version, model: postmortem.analysis.model } : null;
    }),
  );
}
