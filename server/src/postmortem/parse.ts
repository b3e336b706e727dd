// buildModel: one pass from Markdown text to the postmortem model. markdown-it gives the block
// structure; the readers in this folder each take one part of the model from it.
import type { Token } from 'markdown-it';
import { SourceText } from '../sourceText';
import { readActionItems } from './actionItems';
import { markdown, parseBlocks, readBlocks, type ParseEnv } from './blocks';
import { placeOnTimeline } from './chronology';
import { readFences } from './fences';
import { readFrontMatter } from './frontMatter';
import type { PostmortemModel, TimeZone } from './model';
import { readOutline } from './outline';
import type { Profile } from './profile';
import { readSummary } from './summary';
import { readTimeline } from './timeline';

/** The shared markdown-it instance: hand it to markdownlint as `markdownItFactory: () => markdown`. */
export { markdown };

/**
 * Builds the model of a postmortem, from its text or its `SourceText` (when the caller has one already).
 * `tokens`, when given, are markdown-it tokens of the same text with its front matter removed, as
 * markdownlint hands them to custom rules; they are read, never changed.
 */
export function buildModel(document: string | SourceText, profile: Profile, tokens?: readonly Token[]): PostmortemModel {
  const source = typeof document === 'string' ? new SourceText(document) : document;
  const { text } = source;
  const frontMatter = readFrontMatter(source);
  // markdown-it does not know front matter: parse what follows it, as markdownlint does.
  const body = frontMatter.lineCount ? text.slice(bodyStart(source, frontMatter.lineCount)) : text;
  const env: ParseEnv = {};
  const blocks = readBlocks(tokens ?? parseBlocks(body, env), source, frontMatter.lineCount, env);

  const outline = readOutline(blocks, source, profile);
  const timeline = readTimeline(outline.sections, blocks, source);
  const summary = readSummary(outline.sections, blocks, source);

  const documentZone = mostStatedZone([
    ...summary.stamps.map((s) => s.zone),
    ...timeline.statedZones,
    ...timeline.entries.map((e) => (e.timestamp?.zone?.origin === 'entry' ? e.timestamp.zone : undefined)),
  ]);
  if (documentZone) {
    for (const entry of timeline.entries) {
      if (entry.timestamp && !entry.timestamp.zone) entry.timestamp.zone = { ...documentZone };
    }
  }
  placeOnTimeline(timeline.entries, timeline.dates, summary.window, { start: summary.startDate, end: summary.endDate }, documentZone?.offsetMinutes);

  const model: PostmortemModel = {
    sections: outline.sections,
    timeline: timeline.entries,
    actionItems: readActionItems(outline.sections, blocks, source, outline.titleLines),
    fences: readFences(blocks, source),
    htmlBlocks: blocks.flatMap((b) => (b.kind === 'html' ? [{ line: b.line, endLine: b.endLine }] : [])),
    lineCount: source.lineCount,
  };
  if (outline.title) model.title = outline.title;
  if (summary.window) model.window = summary.window;
  if (summary.statedLength) model.statedLength = summary.statedLength;
  if (summary.impact) model.impact = summary.impact;
  if (summary.rootCause) model.rootCause = summary.rootCause;
  if (documentZone) model.documentZone = documentZone;
  if (frontMatter.fields) model.frontMatter = frontMatter.fields;
  return model;
}

function bodyStart(source: SourceText, frontMatterLines: number): number {
  return frontMatterLines < source.lineCount ? source.lineStarts[frontMatterLines] : source.text.length;
}

/** The zone stated most often (by offset when known, so 'UTC' and 'GMT' agree); the first counted wins a tie. */
function mostStatedZone(zones: ReadonlyArray<TimeZone | undefined>): TimeZone | undefined {
  const counts = new Map<string, { zone: TimeZone; count: number }>();
  let best: { zone: TimeZone; count: number } | undefined;
  for (const zone of zones) {
    if (!zone) continue;
    const key = zone.offsetMinutes !== undefined ? `${zone.offsetMinutes}` : zone.name.toUpperCase();
    const tally = counts.get(key) ?? { zone, count: 0 };
    tally.count++;
    counts.set(key, tally);
    if (!best || tally.count > best.count) best = tally;
  }
  return best && { ...best.zone, origin: 'document' };
}
