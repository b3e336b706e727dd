// The document's block structure, read from markdown-it tokens: a flat list of blocks in source order,
// each with absolute line numbers and the list item it sits in. Everything that asks "is this line a
// heading, a list item, a table row, code?" asks this list, never a regex over raw text.
import { firstPassing } from '../sortedSearch';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { SourceText } from '../sourceText';

/**
 * The markdown-it configuration of the analysis. HTML is on, as markdownlint recommends for its
 * `markdownItFactory`, so `<h3>` and `<li>` lines arrive as HTML blocks rather than text.
 */
export const markdown = new MarkdownIt({ html: true });

/**
 * The same configuration, stopping after the block structure. Inline parsing costs more than the block
 * parse and builds most of the tokens, yet the model needs the inline tokens of a few headings and
 * paragraph lines only: `inlineChildren` parses those on first use.
 */
const blockParser = new MarkdownIt({ html: true });
blockParser.core.ruler.enableOnly(['normalize', 'block']);

const tokenPrototype: Token = MarkdownIt.Token.prototype;

/**
 * markdown-it's block state, making its tokens in one step. The published build's Token constructor sets
 * each field through a generic `defineProperty` helper, which was a third of the whole block parse; these
 * are the same tokens (same prototype, fields and values) made directly. `push` is the library's own.
 */
class BlockState extends blockParser.block.State {
  override push(type: string, tag: string, nesting: Token['nesting']): Token {
    if (nesting < 0) this.level--;
    // Fields in the constructor's order, so the objects share its shape.
    const token: Token = Object.create(tokenPrototype);
    token.map = null;
    token.level = this.level;
    token.children = null;
    token.content = '';
    token.markup = '';
    token.info = '';
    token.block = true;
    token.hidden = false;
    token.type = type;
    token.tag = tag;
    token.attrs = null;
    token.nesting = nesting;
    token.meta = null;
    if (nesting > 0) this.level++;
    this.tokens.push(token);
    return token;
  }
}
blockParser.block.State = BlockState;

/** What a parse shares across its blocks: the link reference definitions, for inline parsing. */
export type ParseEnv = Record<string, unknown>;

/** Block tokens of `text`; their inline tokens have no children yet. */
export function parseBlocks(text: string, env: ParseEnv): Token[] {
  return blockParser.parse(text, env);
}

export type BlockKind = 'heading' | 'paragraph' | 'code' | 'fence' | 'html' | 'table-row' | 'rule';

export interface ListItem {
  /** First and last line of the item, trailing blank lines excluded. */
  line: number;
  endLine: number;
  ordered: boolean;
  /** 0 for an item of a top-level list. */
  depth: number;
  parent?: ListItem;
}

export interface Block {
  kind: BlockKind;
  /** First and last line, absolute (front matter included), trailing blank lines excluded. */
  line: number;
  endLine: number;
  /** The markdown-it token the block comes from (heading_open, paragraph_open, fence, code_block, html_block, hr, tr_open). */
  token: Token;
  /** Inline content of a heading or paragraph; read its children through `inlineChildren`. */
  inline?: Token;
  /** The parse's env, for a lazy inline parse. */
  env?: ParseEnv;
  /** Heading level 1-6. */
  level?: number;
  /** Inline content of each cell of a table row. */
  cells?: Token[];
  /** A table's header row. */
  header?: boolean;
  /** The innermost list item containing the block. */
  item?: ListItem;
  /** Inside a block quote. */
  quoted?: boolean;
}

/**
 * Reads blocks from tokens whose line numbers start `lineOffset` lines into `source`. `env` is the one
 * the tokens were parsed with (it holds the link reference definitions).
 */
export function readBlocks(tokens: readonly Token[], source: SourceText, lineOffset: number, env: ParseEnv = {}): Block[] {
  const blocks: Block[] = [];
  const lastLine = source.lineCount - 1;
  // Clamp: tokens handed in by a caller may not match the text exactly.
  const first = (map: [number, number]) => Math.min(lastLine, map[0] + lineOffset);
  const last = (map: [number, number]) => {
    const start = first(map);
    let end = Math.min(lastLine, Math.max(start, map[1] - 1 + lineOffset));
    while (end > start && source.line(end).trim() === '') end--;
    return end;
  };
  const listKinds: boolean[] = [];
  const items: ListItem[] = [];
  let quoteDepth = 0;
  let row: Block | undefined;
  let inHeader = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const item = items[items.length - 1];
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        listKinds.push(token.type === 'ordered_list_open');
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listKinds.pop();
        break;
      case 'list_item_open':
        if (token.map) {
          items.push({ line: first(token.map), endLine: last(token.map), ordered: listKinds[listKinds.length - 1] ?? false, depth: Math.max(0, listKinds.length - 1), parent: item });
        }
        break;
      case 'list_item_close':
        items.pop();
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth = Math.max(0, quoteDepth - 1);
        break;
      case 'thead_open':
        inHeader = true;
        break;
      case 'thead_close':
        inHeader = false;
        break;
      case 'tr_open':
        row = token.map ? { kind: 'table-row', line: first(token.map), endLine: first(token.map), token, cells: [], header: inHeader, item, quoted: quoteDepth > 0 } : undefined;
        break;
      case 'tr_close':
        if (row) blocks.push(row);
        row = undefined;
        break;
      case 'inline':
        // Cells are the only inline tokens inside a row (markdownlint gives them the row's map).
        if (row) row.cells!.push(token);
        break;
      case 'heading_open':
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        if (!token.map || inline?.type !== 'inline') break;
        const heading = token.type === 'heading_open';
        blocks.push({
          kind: heading ? 'heading' : 'paragraph',
          line: first(token.map),
          endLine: last(token.map),
          token,
          inline,
          env,
          level: heading ? Number(token.tag.slice(1)) || 1 : undefined,
          item,
          quoted: quoteDepth > 0,
        });
        break;
      }
      case 'fence':
      case 'code_block':
      case 'html_block':
      case 'hr':
        if (!token.map) break;
        blocks.push({
          kind: token.type === 'fence' ? 'fence' : token.type === 'code_block' ? 'code' : token.type === 'html_block' ? 'html' : 'rule',
          line: first(token.map),
          endLine: last(token.map),
          token,
          item,
          quoted: quoteDepth > 0,
        });
        break;
      default:
        break;
    }
  }
  return blocks;
}

/**
 * The inline tokens of a heading or paragraph. Tokens from a full parse (markdownlint's) have them
 * already; ours get them here, once, as markdown-it's own inline stage would have set them.
 */
export function inlineChildren(block: Block): readonly Token[] {
  const inline = block.inline;
  if (!inline) return [];
  // The block parse leaves an empty list; a parsed non-empty content has at least one child.
  if (!inline.children?.length && inline.content) {
    const children: Token[] = [];
    markdown.inline.parse(inline.content, markdown, block.env ?? {}, children);
    inline.children = children;
  }
  return inline.children ?? [];
}

/** Index of the first block whose last line is at or after `line` (blocks are in source order). */
export function firstBlockFrom(blocks: readonly Block[], line: number): number {
  return firstPassing(blocks, (block) => block.endLine >= line);
}
