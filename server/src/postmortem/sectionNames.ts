// Fuzzy matching of section titles against a profile: '🚨 Issue Summary 🚨', '**TIMELINE**;',
// '3. Root cause & resolution:', 'Timeline (all times in GMT)', 'Corective and preventive measures'.
import type { Profile, SectionSpec } from './profile';

/** How well a title names a section. A better match elsewhere in the document wins over a weaker one. */
export enum MatchTier {
  /** The title names no section, but its words point to one: 'Measures against such problem in future'. */
  Keyword = 1,
  /** The title starts or ends with a known name: 'Prevention: Lessons Learned', 'Events Timeline'. */
  Partial = 2,
  /** One of the section's aliases: 'Root Cause', 'Overview'. */
  Alias = 3,
  /** The section's own title. */
  Title = 4,
}

export interface SectionMatch {
  spec: SectionSpec;
  tier: MatchTier;
}

interface KnownName {
  spec: SectionSpec;
  tier: MatchTier;
  name: string;
  letters: number;
  /** Typos tolerated. */
  budget: number;
}

interface Keyword {
  spec: SectionSpec;
  /** Matches the words it starts, so 'prevent' covers 'preventive' and 'prevention'. */
  prefix: string;
  /** 2 for the profile's keywords, 1 for a word only this section's names use. */
  weight: number;
}

interface Matcher {
  /**
   * Answers already given, by title as written, for names and for keywords. A document is analyzed again
   * on every edit and its titles rarely change; most documents use the same few titles.
   */
  nameAnswers: Map<string, SectionMatch | null>;
  keywordAnswers: Map<string, SectionMatch | null>;
  exact: Map<string, KnownName>;
  /** Known names by length, for the fuzzy search: a name within budget differs in length by at most its budget. */
  byLength: KnownName[][];
  keywords: Keyword[];
}

/** Longest typo budget, so the fuzzy search looks this far either side of a name's length. */
const MAX_BUDGET = 3;
/** Answers kept per profile; past this, they are forgotten all at once. */
const MAX_ANSWERS = 4096;
/** Titles of more words are sentences, whatever words they use. */
const MAX_KEYWORD_TITLE_WORDS = 6;

const STOP_WORDS = new Set(['and', 'the', 'of', 'a', 'an', 'to', 'for', 'our', 'in', 'on', 'with', 'my']);
const matchers = new WeakMap<Profile, Matcher>();

const NUMBERING = /^[\s#*_>]*(?:(?:\d{1,3}|[ivx]{1,4}|[a-h])[.)]\s|(?:step|part|section)\s+\d{1,3}\s*[:.)-]?\s|\d{1,3}\s*[-:]\s)/;
const TRAILING_ASIDE = /\s*[([][^()[\]]*[)\]][^\p{L}\p{N}]*$/u;
const NON_ASCII_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Lower case, no markup, emoji, numbering, trailing parenthetical, punctuation or filler words. */
export function normalizeSectionName(title: string): string {
  let text = title.toLowerCase();
  if (text.includes('<')) text = text.replace(/<[^<>]*>/g, ' ');
  text = text.replace(NUMBERING, '');
  if (text.includes('(') || text.includes('[')) text = text.replace(TRAILING_ASIDE, '');
  // One pass over the characters: words of letters and digits, everything else separates them.
  let normalized = '';
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c > 127 && NON_ASCII_WORD_CHAR.test(text[i]))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const word = text.slice(start, i);
    if (!STOP_WORDS.has(word)) normalized = normalized ? `${normalized} ${word}` : word;
    start = -1;
  }
  return normalized;
}

/** The profile section a title names, if any. */
export function matchSection(profile: Profile, title: string): SectionMatch | undefined {
  if (title.length > 120) return undefined;
  const matcher = matcherFor(profile);
  return remembered(matcher.nameAnswers, title, () => nameIn(matcher, title));
}

/** The answer for `title` kept in `answers`, found and kept when there is none yet. */
function remembered(answers: Map<string, SectionMatch | null>, title: string, find: () => SectionMatch | undefined): SectionMatch | undefined {
  let answer = answers.get(title);
  if (answer === undefined) {
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answer = find() ?? null;
    answers.set(title, answer);
  }
  return answer ?? undefined;
}

function nameIn(matcher: Matcher, title: string): SectionMatch | undefined {
  const normalized = normalizeSectionName(title);
  const whole = bestMatch(matcher, normalized);
  if (whole) return whole;
  // 'Prevention: Lessons Learned', 'Root Cause - the config typo': the name before the separator.
  const separator = /\s*(?::|\s[-\u2013\u2014]\s)/.exec(title);
  if (separator && separator.index > 0) {
    const head = bestMatch(matcher, normalizeSectionName(title.slice(0, separator.index)));
    if (head) return { spec: head.spec, tier: MatchTier.Partial };
  }
  // 'Incident Timeline', 'horror Timeline': a known name after at most two words; then
  // 'Corrective and preventative measures must contain', 'Corective and preventive measures we took':
  // one before at most two, typos allowed as in a whole title.
  let space = normalized.indexOf(' ');
  for (let drop = 1; drop <= 2 && space >= 0; drop++) {
    const tail = bestMatch(matcher, normalized.slice(space + 1));
    if (tail) return { spec: tail.spec, tier: MatchTier.Partial };
    space = normalized.indexOf(' ', space + 1);
  }
  space = normalized.lastIndexOf(' ');
  for (let drop = 1; drop <= 2 && space > 0; drop++) {
    const head = bestMatch(matcher, normalized.slice(0, space));
    if (head) return { spec: head.spec, tier: MatchTier.Partial };
    space = normalized.lastIndexOf(' ', space - 1);
  }
  return undefined;
}

/**
 * The section a heading's words point to when it names none ('MEASURES TAKEN TO ARREST THE ISSUE' is the
 * resolution, 'Measures against such problem in future' the prevention): the profile's keywords count 2,
 * words that only one section's names use count 1. The winner needs 2 and must beat every other section.
 * Only for titles known to be titles: keywords alone never make a line of text a section.
 */
export function matchKeywords(profile: Profile, title: string): SectionMatch | undefined {
  const matcher = matcherFor(profile);
  return remembered(matcher.keywordAnswers, title, () => keywordMatch(matcher, title));
}

function keywordMatch(matcher: Matcher, title: string): SectionMatch | undefined {
  const normalized = normalizeSectionName(title);
  const words = normalized ? normalized.split(' ') : [];
  if (words.length === 0 || words.length > MAX_KEYWORD_TITLE_WORDS) return undefined;
  const scores = new Map<SectionSpec, number>();
  for (const word of words) {
    // A word counts once per section, at its best weight.
    const weights = new Map<SectionSpec, number>();
    for (const keyword of matcher.keywords) {
      if (word.startsWith(keyword.prefix)) weights.set(keyword.spec, Math.max(weights.get(keyword.spec) ?? 0, keyword.weight));
    }
    for (const [spec, weight] of weights) scores.set(spec, (scores.get(spec) ?? 0) + weight);
  }
  let best: SectionSpec | undefined;
  let bestScore = 0;
  let runnerUp = 0;
  for (const [spec, score] of scores) {
    if (score > bestScore) [best, bestScore, runnerUp] = [spec, score, bestScore];
    else if (score > runnerUp) runnerUp = score;
  }
  return best && bestScore >= 2 && bestScore > runnerUp ? { spec: best, tier: MatchTier.Keyword } : undefined;
}

function bestMatch(matcher: Matcher, name: string): SectionMatch | undefined {
  if (!name) return undefined;
  const exact = matcher.exact.get(name);
  if (exact) return { spec: exact.spec, tier: exact.tier };
  let best: KnownName | undefined;
  let bestDistance = Infinity;
  let letters = -1;
  const last = Math.min(matcher.byLength.length - 1, name.length + MAX_BUDGET);
  for (let length = Math.max(0, name.length - MAX_BUDGET); length <= last; length++) {
    for (const known of matcher.byLength[length] ?? []) {
      if (Math.abs(length - name.length) > known.budget) continue;
      // One edit changes the set of letters used by at most two.
      if (letters < 0) letters = letterSet(name);
      if (popCount(letters ^ known.letters) > 2 * known.budget) continue;
      const distance = editDistance(known.name, name, Math.min(known.budget, bestDistance - 1));
      if (distance < bestDistance || (distance === bestDistance && best && known.tier > best.tier)) {
        best = known;
        bestDistance = distance;
      }
    }
  }
  return best && bestDistance !== Infinity ? { spec: best.spec, tier: best.tier } : undefined;
}

/** The letters a-z a name uses, as bits. */
function letterSet(name: string): number {
  let set = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) set |= 1 << c;
  }
  return set;
}

function popCount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Typos tolerated in a name of this length: none in short words, where one letter changes the meaning. */
function typoBudget(length: number): number {
  return length <= 5 ? 0 : length <= 8 ? 1 : length <= 16 ? 2 : MAX_BUDGET;
}

/** Levenshtein distance, or Infinity as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (limit < 0) return Infinity;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return Infinity;
    [previous, current] = [current, previous];
  }
  return previous[b.length] <= limit ? previous[b.length] : Infinity;
}

function matcherFor(profile: Profile): Matcher {
  let matcher = matchers.get(profile);
  if (matcher) return matcher;
  matcher = { nameAnswers: new Map(), keywordAnswers: new Map(), exact: new Map(), byLength: [], keywords: [] };
  for (const spec of profile.sections) {
    const named = (text: string, tier: MatchTier): KnownName => {
      const name = normalizeSectionName(text);
      return { spec, tier, name, letters: letterSet(name), budget: typoBudget(name.length) };
    };
    const known: KnownName[] = [named(spec.title, MatchTier.Title), ...spec.aliases.map((alias) => named(alias, MatchTier.Alias))];
    for (const name of known) {
      if (!name.name) continue;
      // An earlier section or a stronger tier keeps a name two sections share.
      const existing = matcher.exact.get(name.name);
      if (existing && existing.tier >= name.tier) continue;
      matcher.exact.set(name.name, name);
      (matcher.byLength[name.name.length] ??= []).push(name);
    }
    for (const keyword of spec.keywords ?? []) {
      const prefix = normalizeSectionName(keyword);
      if (prefix) matcher.keywords.push({ spec, prefix, weight: 2 });
    }
  }
  matcher.keywords.push(...distinctiveWords(profile));
  matchers.set(profile, matcher);
  return matcher;
}

/** Words of a section's title and aliases that no other section's names use ('timeline', 'measures', 'overview'). */
function distinctiveWords(profile: Profile): Keyword[] {
  const users = new Map<string, Set<SectionSpec>>();
  for (const spec of profile.sections) {
    for (const name of [spec.title, ...spec.aliases]) {
      for (const word of normalizeSectionName(name).split(' ')) {
        // Plurals count as their singular: 'measures' also covers 'measure'.
        const stem = word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
        if (stem.length < 3) continue;
        if (!users.has(stem)) users.set(stem, new Set());
        users.get(stem)!.add(spec);
      }
    }
  }
  return [...users].filter(([, specs]) => specs.size === 1).map(([prefix, specs]) => ({ spec: [...specs][0], prefix, weight: 1 }));
}
