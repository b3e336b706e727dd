// Fuzzy matching of section titles against a profile: '🚨 Issue Summary 🚨', '**TIMELINE**;',
// '3. Root cause & resolution:', 'Timeline (all times in GMT)', 'Corective and preventive measures'.
import type { Profile, SectionSpec } from './profile';

/** How well a title names a section. A better match elsewhere in the document wins over a weaker one. */
export enum MatchTier {
  /** The title starts or ends with a known name: 'Prevention: Lessons Learned', 'Events Timeline'. */
  Partial = 1,
  /** One of the section's aliases: 'Root Cause', 'Overview'. */
  Alias = 2,
  /** The section's own title. */
  Title = 3,
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
}

interface Matcher {
  exact: Map<string, KnownName>;
  names: KnownName[];
}

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
  // 'Corrective and preventative measures must contain': one before at most two.
  let space = normalized.indexOf(' ');
  for (let drop = 1; drop <= 2 && space >= 0; drop++) {
    const tail = matcher.exact.get(normalized.slice(space + 1));
    if (tail) return { spec: tail.spec, tier: MatchTier.Partial };
    space = normalized.indexOf(' ', space + 1);
  }
  space = normalized.lastIndexOf(' ');
  for (let drop = 1; drop <= 2 && space > 0; drop++) {
    const head = matcher.exact.get(normalized.slice(0, space));
    if (head) return { spec: head.spec, tier: MatchTier.Partial };
    space = normalized.lastIndexOf(' ', space - 1);
  }
  return undefined;
}

function bestMatch(matcher: Matcher, name: string): SectionMatch | undefined {
  if (!name) return undefined;
  const exact = matcher.exact.get(name);
  if (exact) return { spec: exact.spec, tier: exact.tier };
  let best: KnownName | undefined;
  let bestDistance = Infinity;
  const letters = letterSet(name);
  for (const known of matcher.names) {
    const allowed = typoBudget(known.name.length);
    // One edit changes the length by at most one and the set of letters used by at most two.
    if (Math.abs(known.name.length - name.length) > allowed || popCount(letters ^ known.letters) > 2 * allowed) continue;
    const distance = editDistance(known.name, name, Math.min(allowed, bestDistance - 1));
    if (distance < bestDistance || (distance === bestDistance && best && known.tier > best.tier)) {
      best = known;
      bestDistance = distance;
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
  let count = 0;
  for (let b = bits; b; b &= b - 1) count++;
  return count;
}

/** Typos tolerated in a name of this length: none in short words, where one letter changes the meaning. */
function typoBudget(length: number): number {
  return length <= 5 ? 0 : length <= 8 ? 1 : length <= 16 ? 2 : 3;
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
  matcher = { exact: new Map(), names: [] };
  for (const spec of profile.sections) {
    const named = (text: string, tier: MatchTier) => {
      const name = normalizeSectionName(text);
      return { spec, tier, name, letters: letterSet(name) };
    };
    const known: KnownName[] = [named(spec.title, MatchTier.Title), ...spec.aliases.map((alias) => named(alias, MatchTier.Alias))];
    for (const name of known) {
      if (!name.name) continue;
      // An earlier section or a stronger tier keeps a name two sections share.
      const existing = matcher.exact.get(name.name);
      if (existing && existing.tier >= name.tier) continue;
      matcher.exact.set(name.name, name);
      matcher.names.push(name);
    }
  }
  matchers.set(profile, matcher);
  return matcher;
}
