// Front matter: a leading '---' YAML block (or '+++' TOML, or '{' JSON) that markdown-it does not know.
// markdownlint removes it before parsing, so its tokens count lines from the first line after it; we find
// exactly the same lines (including the blank lines markdownlint's pattern swallows after the closing
// marker) so that tokens from either source line up with the document.
import type { SourceText } from '../sourceText';

export interface FrontMatter {
  /** Lines it occupies at the top of the document; 0 when there is none. */
  lineCount: number;
  /** `key: value` pairs of a YAML block, quotes removed. */
  fields?: Record<string, string>;
}

const OPENERS: ReadonlyArray<[RegExp, RegExp]> = [
  [/^---[ \t]*$/, /^---\s*$/],
  [/^\+\+\+[ \t]*$/, /^(?:\+\+\+|\.\.\.)\s*$/],
  [/^\{[ \t]*$/, /^\}\s*$/],
];

export function readFrontMatter(source: SourceText): FrontMatter {
  const first = source.line(0);
  const kind = OPENERS.findIndex(([open]) => open.test(first));
  if (kind < 0) return { lineCount: 0 };
  const close = OPENERS[kind][1];
  let closing = -1;
  for (let n = 1; n < source.lineCount; n++) {
    if (close.test(source.line(n))) {
      closing = n;
      break;
    }
  }
  if (closing < 0) return { lineCount: 0 };
  let end = closing + 1;
  while (end < source.lineCount && source.line(end).trim() === '') end++;
  return kind === 0 ? { lineCount: end, fields: yamlFields(source, 1, closing) } : { lineCount: end };
}

/** The flat `key: value` pairs of a YAML block; nested structures are not needed by any rule. */
function yamlFields(source: SourceText, from: number, to: number): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let n = from; n < to; n++) {
    const m = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/.exec(source.line(n));
    if (!m) continue;
    const value = (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
    Object.defineProperty(fields, m[1], { value, enumerable: true, writable: true, configurable: true });
  }
  return fields;
}
