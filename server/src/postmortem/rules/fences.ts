// Rules about code fences: each one is closed, so the Puppet inside can be checked and the text after it is prose.
import { range } from '../../finding';
import type { SourceText } from '../../sourceText';
import type { CodeFence } from '../model';
import { insertAt, lineBreak } from './edits';
import type { Rule } from './rule';

/** The last line holding code: markdown-it may end an open fence at a blank or less-indented line. */
function lastCodeLine(source: SourceText, fence: CodeFence): number {
  const opening = fence.range.start.line;
  const end = fence.range.end.character === 0 && fence.range.end.line > opening ? fence.range.end.line - 1 : fence.range.end.line;
  let line = Math.min(end, source.lineCount - 1);
  while (line > opening && source.line(line).trim() === '') line--;
  return line;
}

const unterminatedFence: Rule = {
  meta: {
    id: 'PM018',
    name: 'unterminated-fence',
    description: 'A code fence is opened but never closed.',
    defaultSeverity: 'error',
    fixable: true,
  },
  check({ model, source, report }) {
    for (const fence of model.fences) {
      if (!fence.unterminated) continue;
      const opening = fence.range.start.line;
      const text = source.line(opening);
      const at = text.indexOf(fence.marker);
      if (at < 0) continue;
      // The closing marker lines up with the opening one: same blockquote markers, list indentation as spaces.
      const indent = text.slice(0, at).replace(/[^>\s]/g, ' ');
      const last = lastCodeLine(source, fence);
      const opened = `${fence.marker}${fence.info}`.trim();
      report({
        range: range(opening, at, opening, text.trimEnd().length),
        message: `Code fence "${opened}" is never closed; expected a closing "${fence.marker}" after its last line of code (line ${last + 1}).`,
        fixes: [
          {
            title: `Close the fence after line ${last + 1}`,
            edits: [insertAt({ line: last, character: source.line(last).length }, `${lineBreak(source)}${indent}${fence.marker}`)],
            preferred: true,
          },
        ],
      });
    }
  },
};

export const fenceRules: Rule[] = [unterminatedFence];
