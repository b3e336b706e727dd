// Which documents are ours: the one decision shared by the language server and the CLI.
import picomatch from 'picomatch';

/** Default of `postmortem.files`. */
export const defaultPostmortemGlobs = [
  '**/*postmortem*.md',
  '**/*post-mortem*.md',
  '**/postmortems/**/*.md',
  '**/0x19-postmortem/*.md',
];

export type DocumentKind = 'postmortem' | 'puppet';

const titleWords = /\bpost[- ]?mortem\b|\bincident report\b/i;

/**
 * A Markdown file is a postmortem when its path matches one of `globs` (absolute, or relative to one of
 * `roots`), when its front matter says `postmortem: true`, or when its first heading says postmortem,
 * post-mortem or incident report. Front matter `postmortem: false` opts a matching file out.
 */
export function isPostmortemDocument(filePath: string | undefined, text: string, globs: readonly string[], roots: readonly string[] = []): boolean {
  const declared = frontMatterFlag(text);
  if (declared !== undefined) return declared;
  if (filePath !== undefined && matchesGlobs(filePath, globs, roots)) return true;
  const heading = firstHeading(text);
  return heading !== undefined && titleWords.test(heading);
}

/** What kind of document this is for us, or undefined when we have nothing to say about it. */
export function documentKind(
  filePath: string | undefined,
  languageId: string,
  text: string,
  globs: readonly string[],
  roots: readonly string[] = [],
): DocumentKind | undefined {
  if (languageId === 'puppet' || filePath?.endsWith('.pp')) return 'puppet';
  if (languageId !== 'markdown' && !(filePath && /\.(md|markdown)$/i.test(filePath))) return undefined;
  return isPostmortemDocument(filePath, text, globs, roots) ? 'postmortem' : undefined;
}

const matcherCache = new Map<string, picomatch.Matcher>();

function matchesGlobs(filePath: string, globs: readonly string[], roots: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const key = globs.join('\0');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    // File names are written by people: 'Postmortem.md' is as much ours as 'postmortem.md'.
    matcher = picomatch([...globs], { nocase: true, dot: true });
    matcherCache.set(key, matcher);
  }
  const path = toSlashes(filePath);
  if (matcher(path)) return true;
  // Globs such as 'docs/incidents/*.md' are relative to a workspace folder.
  return roots.some((root) => {
    const prefix = toSlashes(root).replace(/\/?$/, '/');
    return path.startsWith(prefix) && matcher(path.slice(prefix.length));
  });
}

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** A YAML front matter block at the very start of the text; group 1 is its content. */
const frontMatter = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** The `postmortem:` flag of the front matter, when there is one. */
function frontMatterFlag(text: string): boolean | undefined {
  const block = frontMatter.exec(text);
  if (!block) return undefined;
  const flag = /^postmortem[ \t]*:[ \t]*["']?(true|yes|on|false|no|off)["']?[ \t]*$/im.exec(block[1]);
  if (!flag) return undefined;
  return ['true', 'yes', 'on'].includes(flag[1].toLowerCase());
}

/** The text's lines, one at a time: the first heading is usually near the top, so most of the text is never split. */
function* linesOf(text: string): Generator<string> {
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    yield text.slice(start, match.index);
    start = breaks.lastIndex;
  }
  yield text.slice(start);
}

/** The text of the first ATX or setext heading outside front matter and code fences. */
function firstHeading(text: string): string | undefined {
  const lines = linesOf(text.slice(frontMatter.exec(text)?.[0].length ?? 0));
  let line = lines.next();
  let fence: string | undefined;
  while (!line.done) {
    const current = line.value;
    line = lines.next();
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(current)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t#]*$/.exec(current);
    if (atx) return atx[1] ?? '';
    // '#Title' without the space is common in the corpus; the model builder treats it as a heading too.
    const unspaced = /^ {0,3}#{1,6}([^#\s].*)$/.exec(current);
    if (unspaced) return unspaced[1];
    const next = line.done ? undefined : line.value;
    if (current.trim() !== '' && next !== undefined && /^ {0,3}(=+|-+)[ \t]*$/.test(next) && !/^\s*([-*+]|\d+[.)])\s/.test(current)) {
      return current.trim();
    }
  }
  return undefined;
}
