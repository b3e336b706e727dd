// puppet-lint configuration as puppet-lint itself reads it: `.puppet-lint.rc` option lines
// and `# lint:ignore:<check>` control comments. Finding the rc file is the caller's job.
import { readFileSync } from 'node:fs';

/** Which checks a `.puppet-lint.rc` switches on or off. */
export interface PuppetLintRc {
  /** From `--no-<check>-check`. */
  disabled: ReadonlySet<string>;
  /** From `--<check>-check`, for checks puppet-lint leaves off by default. */
  enabled: ReadonlySet<string>;
  /** From `--only-checks a,b`: when set, nothing else runs. */
  only?: ReadonlySet<string>;
}

export const emptyRc: PuppetLintRc = { disabled: new Set(), enabled: new Set() };

/** Parses rc content: one command-line option per line; other options and `#` comments are ignored. */
export function parsePuppetLintRc(content: string): PuppetLintRc {
  const disabled = new Set<string>();
  const enabled = new Set<string>();
  let only: Set<string> | undefined;
  // puppet-lint hands the file to OptionParser, which splits on any whitespace.
  const words = content.split(/\r?\n/).filter((l) => !l.trimStart().startsWith('#')).join(' ').split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const onlyChecks = /^--only-checks(?:=(.*))?$/.exec(word);
    if (onlyChecks) {
      const list = onlyChecks[1] ?? words[++i] ?? '';
      only = new Set(list.split(',').filter(Boolean));
      continue;
    }
    const toggle = /^--(no-)?(\w+)-check$/.exec(word);
    if (!toggle) continue;
    if (toggle[1]) disabled.add(toggle[2]);
    else enabled.add(toggle[2]);
  }
  return { disabled, enabled, only };
}

/** Reads an rc file; a missing or unreadable file configures nothing. */
export function loadPuppetLintRc(path: string): PuppetLintRc {
  try {
    return parsePuppetLintRc(readFileSync(path, 'utf8'));
  } catch {
    return emptyRc;
  }
}

export function isCheckEnabled(rc: PuppetLintRc, check: string, enabledByDefault: boolean): boolean {
  if (rc.only) return rc.only.has(check);
  if (rc.disabled.has(check)) return false;
  return enabledByDefault || rc.enabled.has(check);
}

/** A comment as the control-comment parser needs it. */
export interface LintComment {
  /** Comment text without its `#` or its block-comment delimiters. */
  text: string;
  /** 0-based line of the comment. */
  line: number;
  /** True when code precedes the comment on its line: the comment then applies to that line only. */
  trailing: boolean;
}

export interface ControlCommentProblem {
  line: number;
  message: string;
}

export interface ControlComments {
  isIgnored(check: string, line: number): boolean;
  /** Unbalanced control comments, which puppet-lint only warns about on stderr. */
  problems: ControlCommentProblem[];
}

const controlPattern = /^lint:(ignore:\w+|endignore)/;

class ParsedControlComments implements ControlComments {
  readonly problems: ControlCommentProblem[] = [];
  /** The lines each check is ignored on. */
  private readonly ignoredLines = new Map<string, Set<number>>();

  ignore(check: string, from: number, to: number): void {
    let lines = this.ignoredLines.get(check);
    if (!lines) this.ignoredLines.set(check, (lines = new Set()));
    for (let l = from; l <= to; l++) lines.add(l);
  }

  isIgnored(check: string, line: number): boolean {
    return this.ignoredLines.get(check)?.has(line) ?? false;
  }
}

/**
 * Applies puppet-lint's rules: `lint:ignore:<check>` after code ignores that line; on a line of its
 * own it opens a block closed by `lint:endignore` (blocks nest); an unclosed block ignores nothing.
 */
export function parseControlComments(comments: readonly LintComment[]): ControlComments {
  const parsed = new ParsedControlComments();
  const problems = parsed.problems;
  const open: Array<Array<{ check: string; line: number }>> = [];

  for (const comment of comments) {
    const text = comment.text.trim();
    if (!controlPattern.test(text)) continue;
    const opened: Array<{ check: string; line: number }> = [];
    // Control words lead the comment; the first other word starts the reason.
    for (const word of text.split(/\s+/)) {
      if (!/^lint:(ignore|endignore)/.test(word)) break;
      const [, command, check] = word.split(':');
      if (command === 'ignore' && check) {
        if (comment.trailing) parsed.ignore(check, comment.line, comment.line);
        else opened.push({ check, line: comment.line });
      } else if (command === 'endignore') {
        const block = open.pop();
        if (!block) problems.push({ line: comment.line, message: 'lint:endignore comment with no opening lint:ignore:<check> comment' });
        else for (const start of block) parsed.ignore(start.check, start.line, comment.line);
      }
    }
    if (opened.length) open.push(opened);
  }
  for (const block of open) {
    problems.push({ line: block[0].line, message: `lint:ignore:${block[0].check} comment with no closing lint:endignore comment` });
  }
  return parsed;
}
