// postmortem/profiles and postmortem/skeleton: what New Postmortem offers, and the text it creates.
// The profiles live in the server only; the client never holds a copy of them.
import type { Connection } from 'vscode-languageserver/node';
import { profiles, renderPostmortemSkeleton, resolveProfile } from '../postmortem/profiles';
import { ProfilesRequest, SkeletonRequest, type ProfileChoice } from '../protocol';
import type { SettingsStore } from './configuration';
import { onCustomRequest } from './customRequest';
import type { Guard } from './guard';

export function registerTemplates(connection: Connection, settings: SettingsStore, guard: Guard): void {
  onCustomRequest(
    connection,
    ProfilesRequest,
    guard('Profiles', { profiles: [], configured: '' }, async ({ scopeUri }) => {
      const { analysis } = await settings.get(scopeUri);
      const choices: ProfileChoice[] = Object.entries(profiles).map(([name, profile]) => ({ name, description: profile.description }));
      // The custom profile is a choice only where it is configured; without sections it would silently be classic.
      if (analysis.customProfile) {
        const custom = resolveProfile({ ...analysis, profile: 'custom' });
        choices.push({ name: 'custom', description: `${custom.name}: ${custom.sections.map((s) => s.title).join(', ')}` });
      }
      return { profiles: choices, configured: analysis.profile };
    }),
  );
  onCustomRequest(
    connection,
    SkeletonRequest,
    guard('Postmortem skeleton', { text: '' }, async ({ scopeUri, profile, title }) => {
      const { analysis } = await settings.get(scopeUri);
      return { text: renderPostmortemSkeleton(resolveProfile({ ...analysis, profile }), title) };
    }),
  );
}
