// Arrow alignment as puppet-lint's arrow_alignment check defines it. The style check and the
// formatter share it, so formatted code never draws that warning.
import type { Token } from './tokens';

/** One `=>` and the token before it: an attribute name or a hash key. */
export interface Arrow {
  param: Token;
  arrow: Token;
}

/**
 * The arrows among `tokens` (one resource's tokens, say) grouped as puppet-lint groups them: one
 * group per `{ }` level, ended by that level's `}` or by a `;` between resource bodies. Brackets
 * and parentheses open no level. Groups come in the order they end; arrows no `}` or `;` ends
 * stay ungrouped, as in puppet-lint.
 */
export function arrowGroups(tokens: readonly Token[]): Arrow[][] {
  const levels: Arrow[][] = [[]];
  const groups: Arrow[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const kind = token.kind;
    if (kind === '=>' && i > 0) levels[levels.length - 1].push({ param: tokens[i - 1], arrow: token });
    else if (kind === '{') levels.push([]);
    else if (kind === '}' || kind === ';') {
      // The level ends; a '}' also leaves it (the outermost level is never left).
      const level = levels[levels.length - 1];
      if (level.length > 0) groups.push(level);
      levels[levels.length - 1] = [];
      if (kind === '}' && levels.length > 1) levels.pop();
    }
  }
  return groups;
}

/** Where tokens are, in whatever layout is being judged (the text as it is, or as it will be). */
export interface ArrowLayout {
  line(token: Token): number;
  column(token: Token): number;
}

/**
 * The column puppet-lint expects the group's arrows in: one space past the longest name, where a
 * name sharing its line with an earlier arrow of the group counts as if it started the group's
 * first name column (it belongs on a line of its own). Undefined when the group needs no
 * alignment: fewer than two arrows, or all of them on one line.
 */
export function expectedArrowColumn(group: readonly Arrow[], layout: ArrowLayout): number | undefined {
  if (group.length < 2) return undefined;
  const lines = new Set<number>();
  let firstParamColumn: number | undefined;
  let expected = 0;
  for (const { param, arrow } of group) {
    const line = layout.line(arrow);
    firstParamColumn ??= layout.column(param);
    const nameColumn = lines.has(line) ? firstParamColumn : layout.column(param);
    expected = Math.max(expected, nameColumn + (param.end - param.start) + 1);
    lines.add(line);
  }
  return lines.size > 1 ? expected : undefined;
}
