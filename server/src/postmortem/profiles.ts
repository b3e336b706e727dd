// The built-in template profiles, custom profiles from settings, and the skeleton of a missing section.
// Section lists follow the templates in shared/corpus/postmortems/templates/. Keys are shared across
// profiles where the meaning is the same, so rules and fixes can speak of 'timeline' or 'root-cause'
// whatever the template calls them.
import type { AnalysisSettings } from '../settings';
import type { SectionStyle } from './model';
import type { CustomProfileConfig, Profile, SectionSpec } from './profile';

function section(key: string, title: string, required: boolean, prompt: string, aliases: string[] = [], keywords?: string[]): SectionSpec {
  return keywords ? { key, title, aliases, keywords, required, prompt } : { key, title, aliases, required, prompt };
}

// Keywords of the sections most templates share, for headings that name no section.
const SUMMARY_WORDS = ['summar', 'overview', 'synopsis'];
const TIMELINE_WORDS = ['timeline', 'chronolog'];
const CAUSE_WORDS = ['cause', 'why'];
/** What stopped the incident: 'How we fixed it', 'Measures taken to arrest the issue'. */
const RESOLUTION_WORDS = ['resol', 'fix', 'solv', 'solution', 'remed', 'restor', 'recover', 'arrest', 'stop'];
/** What keeps it from happening again: 'Measures against such problem in future'. */
const PREVENTION_WORDS = ['correct', 'prevent', 'future', 'recur', 'again', 'avoid', 'improv', 'follow', 'todo', 'remediat'];

/** Holberton/ALX "0x19. Postmortem", itself derived from Google's 2013 API infrastructure incident report. */
const classic: Profile = {
  name: 'classic',
  description: 'Issue summary, timeline, root cause and resolution, corrective and preventative measures (Holberton/ALX 0x19).',
  sections: [
    section('summary', 'Issue Summary', true,
      'Duration with start and end times and time zone, the impact (what was down, what users saw, % of users affected), and the root cause in one sentence.',
      ['Summary', 'Incident Summary', 'Outage Summary', 'Executive Summary', 'Summary of the Incident', 'Incident Overview', 'Overview', 'Incident Description', 'Issue Description'], SUMMARY_WORDS),
    section('timeline', 'Timeline', true,
      'One short bullet per event with its time and zone: detection, actions taken, misleading paths, escalation, resolution.',
      ['Incident Timeline', 'Events Timeline', 'Event Timeline', 'Timeline of Events', 'Outage Timeline', 'Detailed Timeline', 'Chronology', 'Sequence of Events'], TIMELINE_WORDS),
    section('root-cause', 'Root Cause and Resolution', true,
      'What caused the issue and how it was fixed, in detail.',
      ['Root Cause', 'Root Causes', 'Root Cause Analysis', 'Cause', 'Cause and Resolution', 'Root Cause and Fix', 'Resolution', 'Resolution and Recovery'], [...CAUSE_WORDS, ...RESOLUTION_WORDS]),
    section('corrective', 'Corrective and Preventative Measures', true,
      'What can be improved or fixed broadly, then a list of concrete tasks (e.g. patch the server, add monitoring on memory).',
      ['Corrective Measures', 'Preventative Measures', 'Preventive Measures', 'Corrective Actions', 'Preventive Actions', 'Corrective and Preventive Actions',
        'Action Items', 'Follow-up Actions', 'Follow-up Tasks', 'Next Steps', 'Prevention', 'Future Prevention', 'Mitigation and Future Prevention',
        'Future Measures', 'Preventive Methods', 'Lessons Learned', 'Remediation'], PREVENTION_WORDS),
  ],
};

/** The example postmortem of the Google SRE book (appendix D). */
const googleSre: Profile = {
  name: 'google-sre',
  description: 'Google SRE book example postmortem: summary, impact, root causes, trigger, resolution, detection, action items, lessons learned, timeline.',
  sections: [
    section('summary', 'Summary', true, 'One or two sentences, including how long the service was down.', ['Executive Summary', 'Issue Summary', 'Incident Summary', 'Overview'], SUMMARY_WORDS),
    section('impact', 'Impact', true, 'Who and what was affected, and how much (queries lost, % of users, revenue).', ['Customer Impact', 'User Impact']),
    section('root-cause', 'Root Causes', true, 'Why the incident happened, beyond the trigger.', ['Root Cause', 'Root Causes and Trigger', 'Root Cause Analysis', 'Contributing Factors'], CAUSE_WORDS),
    section('trigger', 'Trigger', false, 'The change or event that set the root causes off.'),
    section('resolution', 'Resolution', true, 'What stopped the incident, and how service was restored.', ['Mitigation', 'Recovery', 'Recovery Efforts'], RESOLUTION_WORDS),
    section('detection', 'Detection', true, 'How and when the incident was detected.'),
    section('corrective', 'Action Items', true, 'A table of items: action, type (mitigate/prevent/process), owner, bug.', ['Corrective Actions', 'Follow-up Actions', 'Corrective and Preventative Measures'], PREVENTION_WORDS),
    section('lessons', 'Lessons Learned', true, 'What went well, what went wrong, and where we got lucky.', ['Lessons', 'What Went Well']),
    section('timeline', 'Timeline', true, 'A date line with its zone ("2015-10-21 (all times UTC)"), then one line per event: "14:51 event".', ['Incident Timeline'], TIMELINE_WORDS),
    section('supporting', 'Supporting Information', false, 'Links to dashboards, graphs and documents.', ['Supporting Info', 'Appendix']),
  ],
};

/** PagerDuty's postmortem template (response.pagerduty.com). */
const pagerduty: Profile = {
  name: 'pagerduty',
  description: 'PagerDuty postmortem template: overview, what happened, contributing factors, resolution, impact, responders, timeline, how we did, action items.',
  sections: [
    section('summary', 'Overview', true, 'One or two sentences: contributing factors, a summary of the timeline, and the impact.', ['Summary', 'Incident Summary', 'Issue Summary'], SUMMARY_WORDS),
    section('what-happened', 'What Happened', true, 'The story of the incident, for readers who were not there.'),
    section('root-cause', 'Contributing Factors', true, 'The factors that together led to the incident.', ['Root Causes', 'Root Cause'], CAUSE_WORDS),
    section('resolution', 'Resolution', true, 'The temporary fix and the long-term fix.', [], RESOLUTION_WORDS),
    section('impact', 'Impact', true, 'Time in SEV-1 and SEV-2, notifications out of SLA, events dropped, accounts and users affected, support requests.'),
    section('responders', 'Responders', false, 'Incident commander, scribe and the other responders.'),
    section('timeline', 'Timeline', true, 'A table: time (UTC), event, link to the data that proves it.', [], TIMELINE_WORDS),
    section('lessons', "How'd We Do?", true, "What went well, and what didn't go so well.", ['How Did We Do', 'What Went Well', 'Lessons Learned']),
    section('corrective', 'Action Items', true, 'Each item a ticket, tagged with the incident.', ['Follow-up Actions', 'Corrective Actions'], PREVENTION_WORDS),
    section('messaging', 'Messaging', false, 'The internal email and the external status page message, with a genuine apology.', ['External Message', 'Internal Email']),
  ],
};

/** Atlassian's incident postmortem template (Incident Management Handbook). */
const atlassian: Profile = {
  name: 'atlassian',
  description: 'Atlassian incident postmortem: summary, leadup, fault, impact, detection, response, recovery, timeline, five whys, root cause, lessons, corrective actions.',
  sections: [
    section('summary', 'Incident Summary', true, 'What happened, why, how severe, and for how long.', ['Summary', 'Issue Summary', 'Overview'], SUMMARY_WORDS),
    section('leadup', 'Leadup', true, 'The sequence of events and changes that led to the incident.', ['Lead-up']),
    section('fault', 'Fault', true, "How the change didn't work as expected, with graphs where they help."),
    section('impact', 'Impact', true, 'Internal and external users affected, % of users, support cases raised.'),
    section('detection', 'Detection', true, 'When and how the incident was detected, and how to halve the time to detect.'),
    section('response', 'Response', true, 'Who responded, when, and any delays or obstacles.'),
    section('resolution', 'Recovery', true, 'How and when service was restored, and how to halve the time to mitigate.', ['Resolution'], RESOLUTION_WORDS),
    section('timeline', 'Timeline', true, 'A detailed timeline, each entry with its time and zone.', [], TIMELINE_WORDS),
    section('five-whys', 'Five Whys', true, 'Ask why, five times, starting from the user-visible symptom.', ['5 Whys']),
    section('root-cause', 'Root Cause', false, 'The blameless root cause.', ['Blameless Root Cause', 'Root Causes'], CAUSE_WORDS),
    section('related', 'Related Records', false, 'Previous incidents with the same root cause.', ['Backlog Check']),
    section('lessons', 'Lessons Learned', false, 'What we learned.'),
    section('corrective', 'Corrective Actions', true, 'Follow-up tasks with owners and due dates.', ['Follow-up Tasks', 'Action Items', 'Priority Actions'], PREVENTION_WORDS),
  ],
};

export const profiles: Record<string, Profile> = {
  classic,
  'google-sre': googleSre,
  pagerduty,
  atlassian,
};

const customProfiles = new WeakMap<CustomProfileConfig, Profile>();

/** The profile the settings ask for: a built-in one, the custom one, or classic. */
export function resolveProfile(settings: AnalysisSettings): Profile {
  const builtIn = Object.hasOwn(profiles, settings.profile) ? profiles[settings.profile] : undefined;
  if (builtIn) return builtIn;
  const config = settings.customProfile;
  if (!config || typeof config !== 'object') return classic;
  let profile = customProfiles.get(config);
  if (!profile) {
    profile = profileFromConfig(config);
    customProfiles.set(config, profile);
  }
  return profile.sections.length ? profile : classic;
}

/** A profile from user configuration, which may be hand-written JSON: anything malformed is skipped. */
export function profileFromConfig(config: CustomProfileConfig): Profile {
  const sections: SectionSpec[] = [];
  const keys = new Set<string>();
  for (const entry of Array.isArray(config.sections) ? config.sections : []) {
    const title = typeof entry?.title === 'string' ? entry.title.trim() : '';
    if (!title) continue;
    let key = typeof entry.key === 'string' && entry.key.trim() ? entry.key.trim() : slug(title);
    for (let n = 2; keys.has(key); n++) key = `${key.replace(/-\d+$/, '')}-${n}`;
    keys.add(key);
    sections.push({
      key,
      title,
      aliases: strings(entry.aliases),
      ...(Array.isArray(entry.keywords) ? { keywords: strings(entry.keywords) } : {}),
      required: entry.required !== false,
      prompt: typeof entry.prompt === 'string' && entry.prompt.trim() ? entry.prompt.trim() : `Describe the ${title.toLowerCase().replace(/[\s.!?:;]+$/, '')}.`,
    });
  }
  return {
    name: typeof config.name === 'string' && config.name.trim() ? config.name.trim() : 'custom',
    description: typeof config.description === 'string' ? config.description : 'Custom profile from settings.',
    sections,
  };
}

/** The non-blank strings of a list from hand-written configuration. */
function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string' && a.trim() !== '') : [];
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'section';
}

export interface SkeletonOptions {
  /** How the document writes its section titles; the skeleton follows suit. */
  style: SectionStyle;
  /** Heading level, for the 'heading' style. */
  level: number;
  /** The document's line ending. */
  eol?: string;
}

/**
 * The text of a missing section: its title in the document's style, a blank line, and the prompt as an
 * HTML comment. The comment is invisible when rendered and counts as no content, so the section stays
 * "empty" until someone writes it. Ends with `eol`; the caller adds any blank line before it.
 */
export function renderSectionSkeleton(spec: SectionSpec, options: SkeletonOptions): string {
  const eol = options.eol ?? '\n';
  const level = Math.min(6, Math.max(1, Math.round(options.level) || 2));
  const title = options.style === 'heading' ? `${'#'.repeat(level)} ${spec.title}` : options.style === 'bold' ? `**${spec.title}**` : spec.title;
  return `${title}${eol}${eol}<!-- ${spec.prompt.replace(/--+>?/g, '-')} -->${eol}`;
}

/**
 * A new postmortem: the title as its first heading, saying "Postmortem" so the document is recognised
 * wherever it is moved, then every section of the profile as a level-2 heading with its prompt.
 */
export function renderPostmortemSkeleton(profile: Profile, title: string, eol = '\n'): string {
  const oneLine = title.replace(/\s+/g, ' ').trim();
  const heading = /^post[- ]?mortem\b/i.test(oneLine) ? oneLine : `Postmortem: ${oneLine}`;
  const sections = profile.sections.map((spec) => renderSectionSkeleton(spec, { style: 'heading', level: 2, eol }));
  return [`# ${heading}${eol}`, ...sections].join(eol);
}
