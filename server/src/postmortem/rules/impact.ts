// Rules about the stated impact: it says how many users were hit, and says it with a possible number.
import type { Rule } from './rule';
import { sectionArea, sectionsWithKey } from './scope';

/** 'all users', 'half of our clients', 'one user (myself)', '1,200 customers', '30% of visitors': a share or a count. */
const SHARE_OR_COUNT =
  /(\b(all|every|entire|whole|half|majority|most|none|no|one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|millions?|(a|one)[- ](third|quarter|fifth|tenth))\b|\d[\d,.]*\s*%?)[^.;]{0,40}?\b(users?|customers?|clients?|visitors?|people|accounts?|subscribers?|merchants?|students?|traffic|requests?|queries)\b/i;

const impactWithoutUsers: Rule = {
  meta: {
    id: 'PM014',
    name: 'impact-without-users',
    description: 'The impact does not say what share or number of users was affected.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, source, report }) {
    const impact = model.impact;
    const advice = 'add a share ("about 30% of users") or a count ("1,200 users")';
    if (!impact) {
      const summary = sectionsWithKey(model, 'summary')[0];
      if (summary && !summary.empty && !SHARE_OR_COUNT.test(source.slice(sectionArea(model, summary)))) {
        report({ range: summary.range, message: `"${summary.title}" does not state the impact: ${advice}.` });
      }
      return;
    }
    if (impact.percent !== undefined || impact.users !== undefined || SHARE_OR_COUNT.test(impact.text)) return;
    const line = impact.range.start.line;
    const text = source.line(line);
    const start = Math.max(impact.range.start.character, text.length - text.trimStart().length);
    report({
      range: { start: { line, character: start }, end: { line, character: text.trimEnd().length } },
      message: `The impact does not say how many users were affected: ${advice}.`,
    });
  },
};

const impactPercentOver100: Rule = {
  meta: {
    id: 'PM015',
    name: 'impact-percent-over-100',
    description: 'The share of affected users is over 100%.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ model, report }) {
    const impact = model.impact;
    if (impact?.percent === undefined || impact.percent <= 100) return;
    report({
      range: impact.percentRange ?? impact.range,
      message: `${impact.percent}% of users cannot be affected: a share of users is at most 100%.`,
    });
  },
};

export const impactRules: Rule[] = [impactWithoutUsers, impactPercentOver100];
