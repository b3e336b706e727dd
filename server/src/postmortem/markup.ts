// Inline Markdown as text: what a reader sees of a line once emphasis, links, tags and escapes are gone.
// Block structure always comes from markdown-it tokens; these only clean up one line or one span of it.
import type { Token } from 'markdown-it';

/** Text other than the punctuation that may follow a bold title ('**Timeline**:'). */
const SIGNIFICANT = /[^\s:;.\-\u2013\u2014]/;

/** What `stripMarkup` rewrites: most text has none of it. */
const MARKUP_OR_SPACING = /[<[*~`_\\&\t]| {2}/;

/** One source line of a paragraph or heading as a reader sees it. */
export interface InlineLine {
  text: string;
  /** The whole line is emphasized (`**Timeline:**`, `__Summary__`), optionally followed by ':' or ';'. */
  bold: boolean;
}

/** The plain text of a span of raw Markdown. Each rewrite runs only when its trigger character is present. */
export function stripMarkup(raw: string): string {
  if (!MARKUP_OR_SPACING.test(raw)) return raw.trim();
  let text = raw;
  // Each pattern stops at the next opening character, so a line of unclosed '<a' or '[x' stays linear.
  if (text.includes('<')) text = text.replace(text.includes('-->') ? /<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>/g : /<\/?[A-Za-z][^<>]*>/g, ' ');
  if (text.includes('[')) text = text.replace(/!\[[^[\]]*\]\([^()]*\)/g, ' ').replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1');
  if (/[*~`]/.test(text)) text = text.replace(/\*+|~~|`+/g, '');
  // Underscores inside words (snake_case, wp_settings) are text, not emphasis.
  if (text.includes('_')) text = text.replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1');
  if (text.includes('\\')) text = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (text.includes('&')) text = text.replace(/&nbsp;/g, ' ');
  return text.includes('  ') || text.includes('\t') ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

/**
 * Splits the inline tokens of a paragraph or heading into its source lines. Returns undefined when
 * they do not line up with `lineCount` lines (a code span across lines loses its line break), so
 * callers fall back to the raw lines.
 */
export function inlineLines(children: readonly Token[], lineCount: number): InlineLine[] | undefined {
  const lines: InlineLine[] = [];
  let text = '';
  let depth = 0;
  let inside = 0; // significant children inside emphasis
  let outside = 0; // significant children outside emphasis
  let closedBold = false;
  for (let i = 0; i <= children.length; i++) {
    const child = children[i];
    if (!child || child.type === 'softbreak' || child.type === 'hardbreak') {
      lines.push({ text: text.trim(), bold: inside > 0 && outside === 0 && closedBold });
      text = '';
      inside = outside = 0;
      closedBold = false;
      continue;
    }
    switch (child.type) {
      case 'strong_open':
      case 'em_open':
        depth++;
        break;
      case 'strong_close':
      case 'em_close':
        depth = Math.max(0, depth - 1);
        if (depth === 0) closedBold = true;
        break;
      case 'text':
      case 'text_special':
      case 'code_inline':
        text += child.content;
        if (child.type === 'code_inline' || SIGNIFICANT.test(child.content)) {
          if (depth > 0) inside++;
          else outside++;
        }
        break;
      case 'image':
        outside++;
        break;
      default:
        // html_inline, link_open/close: no text of their own.
        break;
    }
  }
  return lines.length === lineCount ? lines : undefined;
}

/** The characters that start inline markup: emphasis, code, links and images, tags, entities, escapes. */
const INLINE_MARKUP = /[\\`*_~[\]<&]/;
/**
 * A line that is one run of emphasis around text without markup, then only punctuation: '**Timeline:**',
 * '__Summary__:', '*Root Cause*'. The text neither starts nor ends with a space, so both delimiters flank it.
 */
const EMPHASIZED_LINE = /^[ \t]*(\*\*|__|\*|_)([^\s\\`*_~[\]<&](?:[^\\`*_~[\]<&]*[^\s\\`*_~[\]<&])?)\1([\s:;.\-\u2013\u2014]*)$/;

/**
 * The line as its inline tokens would give it, read without them when that is certain: a line without
 * inline markup reads as itself whatever its paragraph holds, and a paragraph's only line may also be
 * one run of emphasis (`alone`). Most lines are one or the other; the rest need the inline parse.
 */
export function simpleInlineLine(raw: string, alone: boolean): InlineLine | undefined {
  if (!INLINE_MARKUP.test(raw)) return { text: raw.trim(), bold: false };
  const emphasized = alone ? EMPHASIZED_LINE.exec(raw) : null;
  return emphasized ? { text: (emphasized[2] + emphasized[3]).trim(), bold: SIGNIFICANT.test(emphasized[2]) } : undefined;
}

/** The same information from a raw line, for lines whose inline tokens could not be used. */
export function rawInlineLine(raw: string): InlineLine {
  return { text: stripMarkup(raw), bold: /^\s*(\*\*|__|\*|_)(?=\S)[^]*?\S\1\s*[:;]?\s*$/.test(raw) };
}
