// Quick fixes from the fixes each diagnostic carries, and "fix all" (source.fixAll.postmortem): every
// preferred fix that does not overlap another, as one edit. The postmortem/fixAll request serves the command.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
// One fix-all policy for `pmkit lint --fix` and the editor.
import { preferredEdits } from '../cli/fixAll';
import { FixAllRequest, fixAllCodeActionKind } from '../protocol';
import type { MarkdownlintScheduler } from '../service/markdownlintScheduler';
import { onCustomRequest } from './customRequest';
import { allFindings, type DiagnosticData } from './diagnostics';
import type { Guard } from './guard';
import type { OpenDocuments, PostmortemDocument } from './openDocuments';

export const codeActionKinds = [CodeActionKind.QuickFix, fixAllCodeActionKind];

const ourSources = new Set(['postmortem', 'markdownlint', 'puppet']);

export function registerCodeActions(
  connection: Connection,
  open: OpenDocuments,
  scheduler: MarkdownlintScheduler,
  versionedEdits: boolean,
  guard: Guard,
): void {
  const edit = (postmortem: PostmortemDocument, edits: TextEdit[]): WorkspaceEdit => {
    const { uri, version } = postmortem.document;
    // A versioned edit is refused by the client if the document changed since: no fix lands in the wrong place.
    return versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  };
  const fixAll = (postmortem: PostmortemDocument) => preferredEdits(allFindings(postmortem, scheduler, true));

  connection.onCodeAction(
    guard('Code actions', [], async (params: CodeActionParams): Promise<CodeAction[]> => {
      const postmortem = await open.postmortem(params.textDocument.uri);
      if (!postmortem) return [];
      const actions: CodeAction[] = [];
      if (wants(params, CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          for (const fix of fixesOf(diagnostic, postmortem.document.version)) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.preferred === true,
              edit: edit(postmortem, fix.edits),
            });
          }
        }
      }
      if (wants(params, fixAllCodeActionKind)) {
        const edits = fixAll(postmortem);
        if (edits.length > 0) actions.push({ title: 'Fix all postmortem problems', kind: fixAllCodeActionKind, edit: edit(postmortem, edits) });
      }
      return actions;
    }),
  );

  onCustomRequest(
    connection,
    FixAllRequest,
    guard('Fix all', null, async ({ uri }) => {
      const postmortem = await open.postmortem(uri);
      return postmortem ? { version: postmortem.document.version, edits: fixAll(postmortem) } : null;
    }),
  );
}

/** Without `only`, quick fixes are wanted but source actions are not (they appear only when asked for). */
function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** The fixes a diagnostic of ours carries, when they were computed for the document's current version. */
function fixesOf(diagnostic: Diagnostic, version: number): DiagnosticData['fixes'] {
  if (!ourSources.has(diagnostic.source ?? '')) return [];
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || data.version !== version || !Array.isArray(data.fixes)) return [];
  return data.fixes;
}
