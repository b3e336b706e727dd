// Rules about what the postmortem says: the summary names a cause, the measures name work to do.
import type { Rule } from './rule';
import { contains, sectionArea, sectionSpan, sectionsWithKey } from './scope';

/** Phrasings that state a cause. */
const CAUSE = /\b(root[- ]?causes?|caused|causing|cause|due to|because|result(ed)? of|resulting from|stemm(ed|ing) from|triggered by|traced (back )?to|owing to|culprit|led to)\b/i;

const missingRootCause: Rule = {
  meta: {
    id: 'PM016',
    name: 'summary-without-root-cause',
    description: 'The summary does not state the root cause.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, source, report }) {
    for (const summary of sectionsWithKey(model, 'summary')) {
      const area = sectionArea(model, summary);
      if (model.rootCause && contains(area, model.rootCause.range)) continue;
      if (summary.empty || CAUSE.test(source.slice(area))) continue;
      report({
        range: summary.range,
        message: `"${summary.title}" does not state the root cause; add one sentence on what caused the outage (e.g. "Root cause: a missing PHP module").`,
      });
    }
  },
};

/**
 * A line that asks for work: it starts with a verb, after any list marker or label ("Add monitoring",
 * "- Task: Update the runbook"). Measures written as plain lines or paragraphs count as well as list items.
 */
const ACTION =
  /^(?:[-*+]\s+|\d+[.)]\s+|\[[ xX]\]\s+)*(?:\*\*|__)?(?:[^:*_]{1,40}:(?:\*\*|__)?\s+)?(?:add|adopt|alert|apply|audit|automate|back ?up|build|check|conduct|configure|create|define|deploy|develop|document|educate|enable|enforce|enhance|ensure|establish|evaluate|expand|fix|implement|improve|increase|install|integrate|introduce|investigate|limit|maintain|migrate|monitor|move|optimi[sz]e|patch|perform|plan|prepare|provide|refine|regularly|remove|replace|require|restrict|review|rotate|run|scale|schedule|set ?up|share|strengthen|switch|test|track|train|update|upgrade|use|validate|verify|write)\b/i;

function asksForWork(line: string): boolean {
  return ACTION.test(line.trim());
}

const measuresWithoutActions: Rule = {
  meta: {
    id: 'PM017',
    name: 'measures-without-action-items',
    description: 'The corrective measures list no concrete action item.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ model, source, report }) {
    for (const measures of sectionsWithKey(model, 'corrective')) {
      if (measures.empty || model.actionItems.some((item) => contains(sectionSpan(measures), item.range))) continue;
      if (source.slice(measures.bodyRange).split(/\r?\n/).some(asksForWork)) continue;
      report({
        range: measures.range,
        message: `"${measures.title}" lists no action item; add concrete tasks as a list, e.g. "- [ ] Add monitoring on server memory".`,
      });
    }
  },
};

export const contentRules: Rule[] = [missingRootCause, measuresWithoutActions];
