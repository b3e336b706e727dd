// Action items of the corrective section(s): list items ('- [ ] Add monitoring'), table rows, HTML
// '<li>' lines, and the one-per-line tasks of documents that use no list at all.
import { range } from '../finding';
import type { SourceText } from '../sourceText';
import { firstBlockFrom, type Block, type ListItem } from './blocks';
import { stripMarkup } from './markup';
import type { ActionItem, Section } from './model';

const MARKER = /^\s*(?:[-+*\u2022]|\d{1,9}[.)])\s+/;
const TASK_BOX = /^\[([ xX])\]\s+/;
/** 'Tasks:', '**Improvements/Fixes:**': a heading for the items below, not an item. */
const LABEL = /:\s*$/;

export function readActionItems(sections: readonly Section[], blocks: readonly Block[], source: SourceText, titleLines: Set<number>): ActionItem[] {
  const items: ActionItem[] = [];
  for (const section of sections) {
    if (section.key !== 'corrective' || section.empty) continue;
    const first = section.bodyRange.start.line;
    const last = section.bodyRange.end.line;
    const from = firstBlockFrom(blocks, first);
    const parents = new Set<ListItem>();
    for (let i = from; i < blocks.length && blocks[i].line <= last; i++) {
      const parent = blocks[i].item?.parent;
      if (parent) parents.add(parent);
    }
    for (let i = from; i < blocks.length && blocks[i].line <= last; i++) {
      const block = blocks[i];
      if (block.kind === 'paragraph' && block.item && block.line === block.item.line) listItem(block, source, parents.has(block.item), items);
      else if (block.kind === 'table-row' && !block.header) tableRow(block, source, items);
      else if (block.kind === 'html') htmlItems(block, source, first, last, items);
      else if (block.kind === 'paragraph' && !block.item) plainLines(block, source, first, last, titleLines, items);
    }
  }
  return items;
}

/** An item whose text ends with ':' and which has sub-items is their label; one that introduces code is a task. */
function listItem(block: Block, source: SourceText, hasSubItems: boolean, items: ActionItem[]): void {
  const raw = source.line(block.line);
  const afterMarker = raw.replace(MARKER, '');
  const box = TASK_BOX.exec(afterMarker);
  const lines = [afterMarker.slice(box ? box[0].length : 0)];
  for (let n = block.line + 1; n <= block.endLine; n++) lines.push(source.line(n));
  const text = stripMarkup(lines.join(' '));
  if (!text || (hasSubItems && LABEL.test(text))) return;
  const item: ActionItem = { text, range: range(block.line, raw.length - raw.trimStart().length, block.endLine, source.line(block.endLine).trimEnd().length), task: !!box };
  if (box) item.done = box[1] !== ' ';
  items.push(item);
}

function tableRow(block: Block, source: SourceText, items: ActionItem[]): void {
  const text = stripMarkup(block.cells?.[0]?.content ?? '');
  if (!text) return;
  const raw = source.line(block.line);
  items.push({ text, range: range(block.line, raw.length - raw.trimStart().length, block.line, raw.trimEnd().length), task: false });
}

function htmlItems(block: Block, source: SourceText, first: number, last: number, items: ActionItem[]): void {
  for (let n = Math.max(first, block.line); n <= Math.min(last, block.endLine); n++) {
    const raw = source.line(n);
    if (!/<li\b/i.test(raw)) continue;
    const text = stripMarkup(raw);
    if (text && !LABEL.test(text)) items.push({ text, range: range(n, raw.length - raw.trimStart().length, n, raw.trimEnd().length), task: false });
  }
}

/**
 * Lines of a paragraph read as separate tasks when there are several and each starts like a sentence;
 * a wrapped prose paragraph has lines starting in lower case and is left alone.
 */
function plainLines(block: Block, source: SourceText, first: number, last: number, titleLines: Set<number>, items: ActionItem[]): void {
  const lines: number[] = [];
  for (let n = Math.max(first, block.line); n <= Math.min(last, block.endLine); n++) {
    if (!titleLines.has(n) && !LABEL.test(stripMarkup(source.line(n)))) lines.push(n);
  }
  if (lines.length < 2 || !lines.every((n) => /^[\s*_]*[\p{Lu}\p{N}]/u.test(source.line(n)))) return;
  for (const n of lines) {
    const raw = source.line(n);
    items.push({ text: stripMarkup(raw), range: range(n, raw.length - raw.trimStart().length, n, raw.trimEnd().length), task: false });
  }
}
