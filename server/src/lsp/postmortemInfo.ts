// postmortem/info: whether an open document is a postmortem, and against which profile it is checked.
// Cheap on purpose: the client asks on every editor switch, for its status bar and context key.
import type { Connection } from 'vscode-languageserver/node';
import { resolveProfile } from '../postmortem/profiles';
import { PostmortemInfoRequest } from '../protocol';
import { onCustomRequest } from './customRequest';
import type { Guard } from './guard';
import type { OpenDocuments } from './openDocuments';

export function registerPostmortemInfo(connection: Connection, open: OpenDocuments, guard: Guard): void {
  onCustomRequest(
    connection,
    PostmortemInfoRequest,
    guard('Postmortem info', null, async ({ uri }) => {
      const state = await open.describe(uri);
      return state?.kind === 'postmortem' ? { profile: resolveProfile(state.settings.analysis).name } : null;
    }),
  );
}
