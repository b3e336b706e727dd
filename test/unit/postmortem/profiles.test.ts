import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../../server/src/postmortem/parse';
import type { CustomProfileConfig } from '../../../server/src/postmortem/profile';
import { profileFromConfig, profiles, renderSectionSkeleton, resolveProfile } from '../../../server/src/postmortem/profiles';
import { matchKeywords, matchSection, MatchTier, normalizeSectionName } from '../../../server/src/postmortem/sectionNames';
import { defaultSettings, type AnalysisSettings } from '../../../server/src/settings';

const settings = (patch: Partial<AnalysisSettings>): AnalysisSettings => ({ ...defaultSettings, ...patch });

describe('built-in profiles', () => {
  it('has the four template profiles, classic by default', () => {
    assert.deepEqual(Object.keys(profiles).sort(), ['atlassian', 'classic', 'google-sre', 'pagerduty']);
    assert.equal(resolveProfile(defaultSettings), profiles.classic);
  });

  it('gives classic its four required sections in order', () => {
    assert.deepEqual(profiles.classic.sections.map((s) => [s.key, s.title, s.required]), [
      ['summary', 'Issue Summary', true],
      ['timeline', 'Timeline', true],
      ['root-cause', 'Root Cause and Resolution', true],
      ['corrective', 'Corrective and Preventative Measures', true],
    ]);
  });

  it('shares keys across profiles where the meaning is the same', () => {
    for (const profile of Object.values(profiles)) {
      const keys = profile.sections.map((s) => s.key);
      assert.equal(new Set(keys).size, keys.length, `${profile.name} has duplicate keys`);
      for (const shared of ['summary', 'timeline', 'root-cause', 'corrective']) assert.ok(keys.includes(shared), `${profile.name} lacks ${shared}`);
      assert.equal(profile.name, Object.entries(profiles).find(([, p]) => p === profile)![0]);
    }
    assert.equal(profiles['google-sre'].sections.find((s) => s.key === 'corrective')?.title, 'Action Items');
    assert.equal(profiles.pagerduty.sections.find((s) => s.key === 'root-cause')?.title, 'Contributing Factors');
  });

  it('gives every section a one-line prompt', () => {
    for (const profile of Object.values(profiles)) {
      for (const spec of profile.sections) {
        assert.ok(spec.prompt.length > 10 && !spec.prompt.includes('\n'), `${profile.name}/${spec.key}`);
        assert.ok(Array.isArray(spec.aliases));
      }
    }
  });
});

describe('resolveProfile', () => {
  const custom: CustomProfileConfig = { name: 'team', sections: [{ title: 'What happened' }, { title: 'Follow-ups', key: 'corrective', required: false }] };

  it('picks a built-in profile by name', () => {
    assert.equal(resolveProfile(settings({ profile: 'google-sre' })), profiles['google-sre']);
    assert.equal(resolveProfile(settings({ profile: 'atlassian', customProfile: custom })), profiles.atlassian);
  });

  it('builds the custom profile for "custom" or an unknown name, once per configuration', () => {
    const first = resolveProfile(settings({ profile: 'custom', customProfile: custom }));
    assert.equal(first.name, 'team');
    assert.deepEqual(first.sections.map((s) => s.key), ['what-happened', 'corrective']);
    assert.equal(resolveProfile(settings({ profile: 'custom', customProfile: custom })), first);
    assert.equal(resolveProfile(settings({ profile: 'our-own', customProfile: custom })).name, 'team');
  });

  it('falls back to classic for an unknown name without a usable custom profile', () => {
    assert.equal(resolveProfile(settings({ profile: 'nonexistent' })), profiles.classic);
    assert.equal(resolveProfile(settings({ profile: 'custom' })), profiles.classic);
    assert.equal(resolveProfile(settings({ profile: 'custom', customProfile: { sections: [] } })), profiles.classic);
    assert.equal(resolveProfile(settings({ profile: '__proto__' })), profiles.classic);
  });
});

describe('profileFromConfig', () => {
  it('fills in keys, prompts and flags', () => {
    const profile = profileFromConfig({ sections: [{ title: 'Customer Impact!' }, { title: 'Timeline', aliases: ['Log', 42 as unknown as string, ''], prompt: 'Times in UTC.', required: false }] });
    assert.equal(profile.name, 'custom');
    assert.deepEqual(profile.sections, [
      { key: 'customer-impact', title: 'Customer Impact!', aliases: [], required: true, prompt: 'Describe the customer impact.' },
      { key: 'timeline', title: 'Timeline', aliases: ['Log'], required: false, prompt: 'Times in UTC.' },
    ]);
  });

  it('keeps the keywords of a section, when it gives them', () => {
    const profile = profileFromConfig({ sections: [{ title: 'Comms', keywords: ['announce', 3 as unknown as string, ' '] }, { title: 'Timeline' }] });
    assert.deepEqual(profile.sections.map((s) => s.keywords), [['announce'], undefined]);
  });

  it('skips malformed sections and keeps keys unique', () => {
    const profile = profileFromConfig({
      sections: [{ title: 'Summary' }, { title: '   ' }, null as never, { title: 7 as unknown as string }, { title: 'Summary' }, { title: 'Other', key: 'summary' }],
    });
    assert.deepEqual(profile.sections.map((s) => s.key), ['summary', 'summary-2', 'summary-3']);
    assert.deepEqual(profileFromConfig({} as CustomProfileConfig).sections, []);
  });
});

describe('section name matching', () => {
  const classic = profiles.classic;
  const key = (title: string) => matchSection(classic, title)?.spec.key;

  it('normalizes case, markup, emoji, numbering, punctuation and asides', () => {
    assert.equal(normalizeSectionName('🚨 Issue Summary 🚨'), 'issue summary');
    assert.equal(normalizeSectionName('**TIMELINE**;'), 'timeline');
    assert.equal(normalizeSectionName('3. Root cause & resolution:'), 'root cause resolution');
    assert.equal(normalizeSectionName('Timeline (all times in GMT)'), 'timeline');
    assert.equal(normalizeSectionName('<span style="color: red">Corrective/Preventative measures</span>'), 'corrective preventative measures');
    assert.equal(normalizeSectionName('#Issue summary:'), 'issue summary');
  });

  it('matches titles, aliases and small typos', () => {
    assert.deepEqual(matchSection(classic, 'Timeline'), { spec: classic.sections[1], tier: MatchTier.Title });
    assert.equal(matchSection(classic, 'Root Causes')?.tier, MatchTier.Alias);
    assert.equal(key('Timline'), 'timeline');
    assert.equal(key('Corective and preventive measures'), 'corrective');
    assert.equal(key('SUMMARY OF THE INCIDENT*'), 'summary');
    assert.equal(key('Events Timeline'), 'timeline');
    assert.equal(key('Root Cause And Resolution'), 'root-cause');
  });

  it('matches a known name before a subtitle or after a word or two, as a partial match', () => {
    assert.deepEqual([key('Prevention: Lessons Learned'), matchSection(classic, 'Prevention: Lessons Learned')?.tier], ['corrective', MatchTier.Partial]);
    assert.equal(matchSection(classic, 'horror Timeline')?.tier, MatchTier.Partial);
    const mustContain = matchSection(classic, 'Corrective and preventative measures must contain');
    assert.deepEqual([mustContain?.spec.key, mustContain?.tier], ['corrective', MatchTier.Partial]);
  });

  it('allows typos in a partial match as in a whole title', () => {
    assert.equal(key('Corective and preventive measures we took'), 'corrective');
    assert.equal(key('Incident Timline'), 'timeline');
  });

  it('does not match other titles', () => {
    for (const title of ['Debugging Process', 'Conclusion', 'Impact', 'Case', 'Postmortem: Web Stack Outage on December 18, 2023', 'The next two hours were a blur']) {
      assert.equal(matchSection(classic, title), undefined, title);
    }
  });

  it('answers the same title the same way every time', () => {
    for (const title of ['Timeline', 'Debugging Process', 'Corective and preventive measures']) assert.equal(matchSection(classic, title), matchSection(classic, title), title);
  });

  it('matches against the profile in use', () => {
    assert.equal(matchSection(profiles['google-sre'], 'Impact')?.spec.key, 'impact');
    assert.equal(matchSection(profiles.pagerduty, "How'd We Do?")?.spec.key, 'lessons');
  });
});

describe('section keywords', () => {
  const classic = profiles.classic;
  const key = (title: string) => matchKeywords(classic, title)?.spec.key;

  it('finds the section a heading points to without naming it', () => {
    const arrest = matchKeywords(classic, 'MEASURES TAKEN TO ARREST THE ISSUE');
    assert.deepEqual([arrest?.spec.key, arrest?.tier], ['root-cause', MatchTier.Keyword]);
    assert.equal(key('Measures against such problem in future'), 'corrective');
    assert.equal(key('How we fixed it'), 'root-cause');
    assert.equal(key('Avoiding a repeat'), 'corrective');
  });

  it('needs one keyword or two words of its names, and a clear winner', () => {
    for (const title of ['Debugging Process', 'Tasks', 'DETECTION AND DURATION OF THE ISSUE', 'Improvements/Fixes', 'Conclusion']) {
      assert.equal(matchKeywords(classic, title), undefined, title);
    }
  });

  it('leaves sentences alone, whatever words they use', () => {
    assert.equal(key('By implementing the corrective and preventative measures outlined above, we aim to prevent similar incidents in the future'), undefined);
  });

  it("uses the words only one section's names use, in any profile", () => {
    const profile = profileFromConfig({ sections: [{ title: 'Customer Communication' }, { title: 'Timeline' }] });
    assert.equal(matchKeywords(profile, 'Communication with our customers')?.spec.key, 'customer-communication');
    assert.equal(matchKeywords(profile, 'What we told people'), undefined);
  });

  it('makes headings sections, but never a line of text', () => {
    const model = buildModel(['# Outage', '## Root Causes', 'A bad deploy.', '## Measures taken to arrest the issue', 'We rolled back.', '', 'Issue fixed', '', '# Measures against such problem in future', '- Add a canary'].join('\n'), classic);
    assert.deepEqual(model.sections.map((s) => [s.title, s.key]), [
      ['Outage', undefined],
      ['Root Causes', 'root-cause'],
      ['Measures taken to arrest the issue', 'root-cause'],
      ['Measures against such problem in future', 'corrective'],
    ]);
    assert.deepEqual(model.actionItems.map((item) => item.text), ['Add a canary']);
  });
});

describe('renderSectionSkeleton', () => {
  const timeline = profiles.classic.sections[1];

  it('writes the title in the style asked for, then the prompt as a comment', () => {
    assert.equal(renderSectionSkeleton(timeline, { style: 'heading', level: 3 }), `### Timeline\n\n<!-- ${timeline.prompt} -->\n`);
    assert.equal(renderSectionSkeleton(timeline, { style: 'bold', level: 2, eol: '\r\n' }), `**Timeline**\r\n\r\n<!-- ${timeline.prompt} -->\r\n`);
    assert.ok(renderSectionSkeleton(timeline, { style: 'plain', level: 2 }).startsWith('Timeline\n'));
    assert.ok(renderSectionSkeleton(timeline, { style: 'heading', level: 9 }).startsWith('###### '));
  });

  it('cannot close its comment early', () => {
    const text = renderSectionSkeleton({ key: 'x', title: 'X', aliases: [], required: true, prompt: 'a --> b' }, { style: 'heading', level: 2 });
    assert.equal(text.match(/-->/g)?.length, 1);
  });

  it('inserts sections the model then finds, named and still empty', () => {
    for (const style of ['heading', 'bold', 'plain'] as const) {
      const text = ['# Postmortem', '', ...profiles.classic.sections.map((spec) => renderSectionSkeleton(spec, { style, level: 2 }))].join('\n');
      const model = buildModel(text, profiles.classic);
      const named = model.sections.filter((s) => s.key);
      assert.deepEqual(named.map((s) => s.key), ['summary', 'timeline', 'root-cause', 'corrective'], style);
      assert.ok(named.every((s) => s.empty && s.style === style), style);
    }
  });
});
