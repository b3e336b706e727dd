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
import { preferredEdits } from '../service/fixAll';
import { FixAllRequest, fixAllCodeActionKind } from '../protocol';
import type { MarkdownlintScheduler } from '../service/markdownlintScheduler';
import { onCustomRequest } from './customRequest';
import { allFindings, type DiagnosticData } from './diagnostics';
import type { Guard } from './guard';
import type { AnalyzedDocument, OpenDocuments } from './openDocuments';

export const codeActionKinds = [CodeActionKind.QuickFix, fixAllCodeActionKind];

const ourSources = new Set(['postmortem', 'markdownlint', 'puppet']);

const fixAllTitles: Record<AnalyzedDocument['kind'], string> = {
  postmortem: 'Fix all postmortem problems',
  puppet: 'Fix all Puppet problems',
};

export function registerCodeActions(
  connection: Connection,
  open: OpenDocuments,
  scheduler: MarkdownlintScheduler,
  versionedEdits: boolean,
  guard: Guard,
): void {
  const edit = (analyzed: AnalyzedDocument, edits: TextEdit[]): WorkspaceEdit => {
    const { uri, version } = analyzed.document;
    // A versioned edit is refused by the client if the document changed since: no fix lands in the wrong place.
    return versionedEdits ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  };
  const fixAll = (analyzed: AnalyzedDocument) => preferredEdits(allFindings(analyzed, scheduler, true));

  connection.onCodeAction(
    guard('Code actions', [], async (params: CodeActionParams): Promise<CodeAction[]> => {
      const analyzed = await open.analyzed(params.textDocument.uri);
      if (!analyzed) return [];
      const actions: CodeAction[] = [];
      if (wants(params, CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          for (const fix of fixesOf(diagnostic, analyzed.document.version)) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.preferred === true,
              edit: edit(analyzed, fix.edits),
            });
          }
        }
      }
      if (wants(params, fixAllCodeActionKind)) {
        const edits = fixAll(analyzed);
        if (edits.length > 0) actions.push({ title: fixAllTitles[analyzed.kind], kind: fixAllCodeActionKind, edit: edit(analyzed, edits) });
      }
      return actions;
    }),
  );

  onCustomRequest(
    connection,
    FixAllRequest,
    guard('Fix all', null, async ({ uri }) => {
      const analyzed = await open.analyzed(uri);
      return analyzed ? { version: analyzed.document.version, edits: fixAll(analyzed) } : null;
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
