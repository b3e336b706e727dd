// Code fences with exact positions: the Puppet checker maps its findings back through `contentRange`
// and `indent`. markdown-it closes an unterminated fence silently at the end of its container (the
// end of the document, or the end of the list item it was opened in), so whether the closing marker
// really exists is checked on the source line after the content.
import type { SourceText } from '../sourceText';
import type { Block } from './blocks';
import type { CodeFence } from './model';

export function readFences(blocks: readonly Block[], source: SourceText): CodeFence[] {
  const fences: CodeFence[] = [];
  for (const block of blocks) {
    if (block.kind !== 'fence') continue;
    const { token } = block;
    const open = block.line;
    const openText = source.line(open);
    const marker = token.markup || '```';
    const indent = Math.max(0, openText.indexOf(marker));
    const content = token.content;
    let contentLines = 0;
    for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) contentLines++;
    if (content && !content.endsWith('\n')) contentLines++;
    const lastContent = Math.min(open + contentLines, source.lineCount - 1);
    const close = lastContent + 1;
    const terminated = close <= block.endLine && isClosingMarker(source.line(close), marker);
    const end = terminated ? close : Math.max(open, contentLines ? lastContent : open);
    const contentStart = open + 1 < source.lineCount ? { line: open + 1, character: 0 } : { line: open, character: openText.length };
    fences.push({
      info: token.info.trim(),
      lang: language(token.info),
      range: { start: { line: open, character: indent }, end: { line: end, character: source.line(end).length } },
      contentRange: contentLines
        ? { start: contentStart, end: { line: lastContent, character: source.line(lastContent).length } }
        : { start: contentStart, end: { ...contentStart } },
      content,
      indent,
      unterminated: !terminated,
      marker,
    });
  }
  return fences;
}

/** '```puppet', '``` {.pp}', '~~~ruby title="x"' -> 'puppet', 'pp', 'ruby'. */
function language(info: string): string {
  const word = info.trim().split(/\s+/)[0] ?? '';
  return word.replace(/^\{?\.?/, '').replace(/\}$/, '').toLowerCase();
}

/** A closing marker: the same character, at least as long, nothing after it (container prefixes allowed). */
function isClosingMarker(line: string, marker: string): boolean {
  const m = /^[\s>]*([`~]{3,})\s*$/.exec(line);
  return !!m && m[1][0] === marker[0] && m[1].length >= marker.length && !m[1].includes(marker[0] === '`' ? '~' : '`');
}
