// Timeline entries in every layout people use: bullets and numbered items ('- **14:00 WAT**: ...'),
// plain lines ('10:05 AM Sitewide update deployed'), several events run together on one line
// ('12:00pm EAT: detected. 12:06pm EAT: curl showed ...'), table rows, and a heading per time
// ('#### 00:20:' followed by what happened). A zone or date stated once for the whole timeline
// ('Timeline (all times in GMT)', '2019-10-21 (*all times UTC*)') applies to the entries after it.
import { range, type Range } from '../finding';
import type { SourceText } from '../sourceText';
import { firstBlockFrom, type Block, type ListItem } from './blocks';
import { stripMarkup } from './markup';
import type { CalendarDate, Section, TimelineEntry, Timestamp, TimeZone } from './model';
import { findDates, findTimestamps, findZoneMentions } from './time';

export interface TimelineReading {
  entries: TimelineEntry[];
  /**
   * The date of each entry: written on it, or on a date line above it with no dated entry between. A date
   * written on an entry is that entry's only: the undated ones after it have none, and the chronology
   * carries its day on to them, rolling over midnight as it does for a timeline without dates.
   */
  dates: Array<CalendarDate | undefined>;
  /** Zones stated for a whole timeline, in its title or preamble. */
  statedZones: TimeZone[];
}

/** What an entry may still absorb: the rest of its block, its list item, or everything under its time heading. */
type Scope = { block: Block } | { item: ListItem } | { heading: true };

interface Draft {
  entry: TimelineEntry;
  date?: CalendarDate;
  parts: string[];
  scope: Scope;
}

/** A top-level list item of the timeline with its nested items, or a block outside lists. */
type Unit = { block: Block } | { tree: ItemTree };

interface ItemTree {
  item: ListItem;
  blocks: Block[];
  children: ItemTree[];
}

const LEADING_SEPARATORS = ' \t:;,.-\u2013\u2014|~)]';
const TRAILING_SEPARATORS = ' \t-\u2013\u2014|~(';
/** What may open an entry's text before its time: emphasis, a table pipe, a quote, a bracket. */
const ENTRY_MARKUP = ' \t>*_~|([#';
/** An HTML line that opens a list item or paragraph: an entry of a timeline written in HTML lists. */
const HTML_ENTRY = /^\s*<(?:li|p)\b/i;
const LIST_MARKER = /^\s*(?:[-+*\u2022\u00b7]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/;
const DECLARATION_FILLER = /\b(?:all|times?|are|is|in|below|above|listed|shown|given|zone|timezone|time-zone|date|day|local|of|the|events?|timeline|utc|gmt)\b/gi;

export function readTimeline(sections: readonly Section[], blocks: readonly Block[], source: SourceText): TimelineReading {
  const reading: TimelineReading = { entries: [], dates: [], statedZones: [] };
  for (const section of sections) {
    if (section.key !== 'timeline') continue;
    new TimelineSection(source, reading, section).read(blocks);
  }
  return reading;
}

class TimelineSection {
  private readonly stamps = new Map<number, Timestamp[]>();
  private readonly drafts: Draft[] = [];
  /** The last entry each list item opened. */
  private readonly byItem = new Map<ListItem, Draft>();
  private current?: Draft;
  private zone?: TimeZone;
  /** The last date line's date, until an entry states its own. */
  private date?: CalendarDate;
  /** The body's first and last line. */
  private readonly first: number;
  private readonly last: number;

  constructor(private readonly source: SourceText, private readonly reading: TimelineReading, private readonly section: Section) {
    this.first = section.bodyRange.start.line;
    this.last = section.bodyRange.end.line;
  }

  read(blocks: readonly Block[]): void {
    const title = this.section.range.start.line;
    this.declare(this.source.line(title), title, true);
    if (this.section.empty) return;
    for (const unit of this.units(blocks)) {
      if ('tree' in unit) this.readItem(unit.tree, unit.tree.item.depth);
      else this.readBlock(unit.block);
    }
    this.finish();
  }

  private units(blocks: readonly Block[]): Unit[] {
    const units: Unit[] = [];
    const trees = new Map<ListItem, ItemTree>();
    for (let i = firstBlockFrom(blocks, this.first); i < blocks.length && blocks[i].line <= this.last; i++) {
      const block = blocks[i];
      if (!block.item) {
        units.push({ block });
        continue;
      }
      // Register the item and its ancestors, outermost first, in order of appearance.
      const chain: ListItem[] = [];
      for (let item: ListItem | undefined = block.item; item && !trees.has(item); item = item.parent) chain.unshift(item);
      for (const item of chain) {
        const tree: ItemTree = { item, blocks: [], children: [] };
        trees.set(item, tree);
        const parent = item.parent && trees.get(item.parent);
        if (parent) parent.children.push(tree);
        else units.push({ tree });
      }
      trees.get(block.item)!.blocks.push(block);
    }
    return units;
  }

  private readItem(tree: ItemTree, topDepth: number): void {
    const { item } = tree;
    const layout = item.ordered ? 'numbered' : 'bullet';
    const lines = this.linesOf(tree.blocks);
    let created = 0;
    for (const line of lines) {
      const isFirst = line === lines[0] && line === item.line;
      const opened = this.startEntries(line, isFirst, layout, { item }, isFirst);
      created += opened;
      if (!opened && created) this.extend(this.current!, [line], this.itemText(line));
    }
    if (!created && lines.length) {
      // No time where the item's own text would put one; it may still sit in its text ('at 10:00').
      const stamped = lines.find((line) => this.stampsAt(line).length);
      const text = lines.map((line) => this.itemText(line)).join(' ');
      const last = lines[lines.length - 1];
      if (stamped !== undefined) {
        this.extendTo(this.open(this.stampsAt(stamped)[0], layout, { item }, item.line, text), last);
        created++;
      } else if (this.declare(this.source.line(lines[0]), lines[0], !this.drafts.length)) {
        this.current = undefined;
      } else if (this.current && 'heading' in this.current.scope) {
        this.extend(this.current, lines, text);
      } else if (this.hasTimedDescendant(tree)) {
        // A label ('**Escalation:**') over timed sub-items: they carry the events.
        this.current = undefined;
        const before = this.drafts.length;
        for (const child of tree.children) this.readItem(child, topDepth);
        const label = trimSeparators(text).replace(/:$/, '');
        for (const draft of this.drafts.slice(before)) if (!draft.parts.length && draft.entry.timestamp) draft.parts.push(label);
        return;
      } else if (item.depth <= topDepth && this.introducesMore()) {
        this.extend(this.drafts[this.drafts.length - 1], lines, text);
      } else if (item.depth <= topDepth) {
        this.extendTo(this.open(undefined, layout, { item }, item.line, text), last);
        created++;
      } else {
        // An untimed sub-item is more text for the entry of the item above it.
        for (let at = item.parent; at; at = at.parent) {
          const owner = this.byItem.get(at);
          if (owner) {
            this.extend(owner, lines, text);
            break;
          }
        }
      }
    }
    // Code and HTML in the item belong to its entry: moving the entry moves them along.
    if (created) for (const block of tree.blocks) if (block.kind === 'fence' || block.kind === 'html') this.extendTo(this.current!, block.endLine);
    for (const child of tree.children) this.readItem(child, topDepth);
  }

  private itemText(line: number): string {
    return stripMarkup(this.source.line(line).replace(LIST_MARKER, ''));
  }

  private readBlock(block: Block): void {
    switch (block.kind) {
      case 'heading':
        this.readHeading(block);
        return;
      case 'table-row':
        this.readRow(block);
        return;
      case 'paragraph':
      case 'code':
      case 'html':
        break;
      default:
        return;
    }
    const lines = this.linesOf([block]);
    // Where some lines start with a time, those are the events and the rest is their text;
    // otherwise every line with a time is an event ('Detection: alerted at 03:45 AM ...').
    const timeLed = lines.some((line) => {
      const stamps = this.stampsAt(line);
      return stamps.length > 0 && isLeading(this.source.line(line), stamps[0]);
    });
    for (const line of lines) {
      const raw = this.source.line(line);
      const listItem = block.kind === 'html' && /^\s*<li\b/i.test(raw);
      if (this.startEntries(line, !timeLed || listItem, listItem ? 'bullet' : 'plain', { block })) continue;
      const text = stripMarkup(raw);
      if (!text || this.declare(raw, line, !this.drafts.length)) continue;
      const current = this.current;
      if (current && ('heading' in current.scope || ('block' in current.scope && current.scope.block === block))) this.extend(current, [line], text);
    }
  }

  private readHeading(block: Block): void {
    const raw = this.source.line(block.line);
    const [stamp] = this.stampsAt(block.line);
    if (stamp && isLeading(raw, stamp)) {
      const draft = this.open(stamp, 'heading', { heading: true }, block.line, '');
      draft.entry.range = lineSpan(this.source, block.line, block.endLine);
      return;
    }
    this.declare(raw, block.line, !this.drafts.length);
    this.current = undefined;
  }

  private readRow(row: Block): void {
    if (row.header) return;
    const [stamp] = this.stampsAt(row.line);
    const time = stamp ? stripMarkup(stamp.raw) : '';
    // The cell holding only the time is not part of the event's text.
    const text = (row.cells ?? [])
      .map((cell) => stripMarkup(cell.content))
      .filter((cell) => cell.replace(time, '').replace(/[\s:|\-\u2013]+/g, '') !== '')
      .join(' ');
    const current = this.current;
    if (!stamp && current && 'heading' in current.scope) {
      this.extend(current, [row.line], text);
    } else if (stamp || (text && !this.declare(this.source.line(row.line), row.line, !this.drafts.length))) {
      const draft = this.open(stamp, 'table', { block: row }, row.line, text);
      draft.entry.range = lineSpan(this.source, row.line, row.line);
    }
  }

  /**
   * Opens the entries that start on a line and returns how many. `anywhere`: the line's first time starts
   * an event wherever it sits; otherwise only a time at the start of the line or followed by ':' does.
   */
  private startEntries(line: number, anywhere: boolean, layout: TimelineEntry['layout'], scope: Scope, itemStart = false): number {
    const raw = this.source.line(line);
    const stamps = this.stampsAt(line);
    const starts: Timestamp[] = [];
    for (const [k, stamp] of stamps.entries()) {
      const previous = starts[starts.length - 1];
      // In prose, each sentence with a time is an event: '... on Saturday 2nd May 10:00 hours ... The
      // problem was solved on Saturday 2nd May 03:00 hours.'
      const newSentence = anywhere && previous && !isLeading(raw, starts[0]) && /[.!?]\s/.test(raw.slice(previous.range.end.character, stamp.range.start.character));
      if ((k === 0 && (anywhere || isLeading(raw, stamp))) || isLabelled(raw, stamp) || newSentence) starts.push(stamp);
    }
    if (!starts.length) return 0;
    const indent = raw.length - raw.trimStart().length;
    const first = starts[0];
    const prefix = trimSeparators(stripMarkup(raw.slice(0, first.range.start.character).replace(LIST_MARKER, '')));
    let ownPrefix = prefix;
    // '<code>…</code> 2113hrs WAT: She then …': text before a mid-line event finishes the previous one,
    // unless it is this item's own label ('- **Detection:** 14:00 UTC: ...').
    if (prefix && isLabelled(raw, first) && this.current && (!itemStart || this.introducesMore())) {
      this.extend(this.current, [], prefix);
      this.extendTo(this.current, line, first.range.start.character);
      ownPrefix = '';
    }
    starts.forEach((stamp, k) => {
      const from = k === 0 && (ownPrefix || !prefix) ? indent : stamp.range.start.character;
      const to = k + 1 < starts.length ? starts[k + 1].range.start.character : raw.length;
      const after = trimSeparators(stripMarkup(raw.slice(stamp.range.end.character, to)));
      // The event's text follows its time; a time in the middle of a sentence stays in the sentence.
      const text = k > 0 || !ownPrefix ? after
        : isLabelled(raw, stamp) ? `${ownPrefix} ${after}`
        : trimSeparators(stripMarkup(raw.slice(0, to).replace(LIST_MARKER, '')));
      const draft = this.open(stamp, layout, scope, line, text);
      draft.entry.range = range(line, from, line, trimmedEnd(raw, to));
    });
    return starts.length;
  }

  /**
   * The last entry's own text is a sentence ending with ':' ('... outlined in the following snippet:'),
   * not a label ('Detection Time:'): what follows is its detail.
   */
  private introducesMore(): boolean {
    const own = this.drafts[this.drafts.length - 1]?.parts[0] ?? '';
    return /:$/.test(own) && own.split(' ').length >= 4;
  }

  private open(stamp: Timestamp | undefined, layout: TimelineEntry['layout'], scope: Scope, line: number, text: string): Draft {
    const entry: TimelineEntry = { range: lineSpan(this.source, line, line), layout, text: '' };
    if (stamp) {
      entry.timestamp = stamp;
      if (stamp.date) this.date = undefined;
    }
    const draft: Draft = { entry, date: stamp && (stamp.date ?? this.date), parts: text ? [text] : [], scope };
    this.drafts.push(draft);
    if ('item' in scope) this.byItem.set(scope.item, draft);
    this.current = draft;
    return draft;
  }

  private extend(draft: Draft, lines: number[], text: string): void {
    if (text) draft.parts.push(text);
    if (lines.length) this.extendTo(draft, lines[lines.length - 1]);
  }

  private extendTo(draft: Draft, line: number, character = Infinity): void {
    if (line <= draft.entry.range.end.line) return;
    draft.entry.range = { start: draft.entry.range.start, end: { line, character: trimmedEnd(this.source.line(line), character) } };
  }

  /**
   * A line that only states a zone and/or a date ('**Timezone:** PST', '2019-10-21 (*all times UTC*)',
   * '#### August 15, 2024') sets them for the entries after it. Zones count only in the preamble.
   */
  private declare(raw: string, line: number, preamble: boolean): boolean {
    if (raw.length > 160 || this.stampsAt(line, raw).length) return false;
    const zones = findZoneMentions(raw, line);
    const dates = findDates(raw);
    if (!zones.length && !dates.length) return false;
    let rest = raw;
    for (const span of [...zones.map((z) => [z.range!.start.character, z.range!.end.character]), ...dates.map((d) => [d.start, d.end])]) {
      rest = rest.slice(0, span[0]) + ' '.repeat(span[1] - span[0]) + rest.slice(span[1]);
    }
    const isTitle = line < this.first;
    if (!isTitle && /[\p{L}\p{N}]/u.test(stripMarkup(rest).replace(DECLARATION_FILLER, ''))) return false;
    if (preamble && zones.length && !this.zone) {
      this.zone = zones[0];
      this.reading.statedZones.push(zones[0]);
    }
    if (dates.length && !isTitle) this.date = dates[dates.length - 1].date;
    return true;
  }

  private hasTimedDescendant(tree: ItemTree): boolean {
    return tree.children.some((child) => this.linesOf(child.blocks).some((line) => this.stampsAt(line).length) || this.hasTimedDescendant(child));
  }

  /**
   * Lines of blocks that hold text, clipped to the section body. Not fences. In an HTML block, the '<li>' and
   * '<p>' lines, and under a title written in HTML every line: other text there ('<details>' then '14:05 log')
   * is the block's HTML. Rules offer no fix that would edit these lines (`PostmortemModel.htmlBlocks`).
   */
  private linesOf(blocks: readonly Block[]): number[] {
    const lines: number[] = [];
    for (const block of blocks) {
      if (block.kind === 'fence' || block.kind === 'rule') continue;
      const entriesOnly = block.kind === 'html' && this.section.style !== 'html';
      for (let n = Math.max(block.line, this.first); n <= Math.min(block.endLine, this.last); n++) {
        const raw = this.source.line(n);
        if (raw.trim() && (!entriesOnly || HTML_ENTRY.test(raw))) lines.push(n);
      }
    }
    return lines;
  }

  private stampsAt(line: number, raw = this.source.line(line)): Timestamp[] {
    let stamps = this.stamps.get(line);
    if (!stamps) {
      stamps = /\d/.test(raw) ? findTimestamps(raw, line, entryStart(raw)) : [];
      this.stamps.set(line, stamps);
    }
    return stamps;
  }

  private finish(): void {
    for (const draft of this.drafts) {
      const { entry } = draft;
      entry.text = draft.parts.filter((part) => part).join(' ');
      if (entry.timestamp && !entry.timestamp.zone && this.zone) entry.timestamp.zone = { ...this.zone, origin: 'section' };
      this.reading.entries.push(entry);
      this.reading.dates.push(draft.date);
    }
  }
}

/** Where a line's own text starts: after its list marker, task box and opening markup ('- **', '| '). */
function entryStart(raw: string): number {
  let start = LIST_MARKER.exec(raw)?.[0].length ?? 0;
  while (start < raw.length && ENTRY_MARKUP.includes(raw[start])) start++;
  return start;
}

/** Nothing but markup, a list marker or a task box before the time. */
function isLeading(raw: string, stamp: Timestamp): boolean {
  const before = raw.slice(0, stamp.range.start.character);
  return /^[\s>*_~|(\[#]*$/.test(before.replace(/<[^<>]*>/g, '').replace(LIST_MARKER, ''));
}

const COLON_AFTER = /(?:[*_)\]]|<\/[a-z]+>){0,4}\s?[:\uff1a](?!\d)/iy;

/** A time followed by ':' starts an event even mid-line: '... the requests 12:09pm EAT: Issue was ...'. */
function isLabelled(raw: string, stamp: Timestamp): boolean {
  COLON_AFTER.lastIndex = stamp.range.end.character;
  return COLON_AFTER.test(raw);
}

/** Without the punctuation that joins a time to its text ('14:00 - ', '**: ') or the next time (' - '). */
function trimSeparators(text: string): string {
  let start = 0;
  while (start < text.length && LEADING_SEPARATORS.includes(text[start])) start++;
  let end = text.length;
  while (end > start && TRAILING_SEPARATORS.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

function trimmedEnd(raw: string, to: number): number {
  let end = Math.min(to, raw.length);
  while (end > 0 && TRAILING_SEPARATORS.includes(raw[end - 1])) end--;
  return end;
}

function lineSpan(source: SourceText, first: number, last: number): Range {
  const raw = source.line(first);
  return range(first, raw.length - raw.trimStart().length, last, source.line(last).length);
}
