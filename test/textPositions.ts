// Positions in test texts found by what is written there, so the tests read as the text and survive edits to it.
import assert from 'node:assert/strict';
import type { Position, Range } from '../server/src/finding';

/** Where `needle` starts in `text` (on the `n`th line holding it), plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 1): Position {
  const lines = text.split('\n');
  let seen = 0;
  const line = lines.findIndex((l) => l.includes(needle) && ++seen === n);
  assert.ok(line >= 0, `"${needle}" is in the text`);
  return { line, character: lines[line].indexOf(needle) + delta };
}

/** The range of `needle` in `text`, on the `n`th line holding it. */
export function rangeOf(text: string, needle: string, n = 1): Range {
  const start = positionOf(text, needle, 0, n);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}
