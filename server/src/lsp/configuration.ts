// The `postmortem.*` settings, pulled per document through workspace/configuration and turned into
// AnalysisSettings. Whatever the user wrote, a value of the wrong shape falls back to its default.
import type { Connection } from 'vscode-languageserver/node';
import type { Severity } from '../finding';
import type { CustomProfileConfig } from '../postmortem/profile';
import { configurationSection } from '../protocol';
import { defaultPostmortemGlobs } from '../service/documents';
import { defaultSettings, type AnalysisSettings, type RuleSeverities } from '../settings';

export interface ServerSettings {
  analysis: AnalysisSettings;
  /** `postmortem.files`: globs of Markdown files that are postmortems. */
  files: string[];
  /** `postmortem.puppet.validateFiles`: lint .pp files. The client resolves its default (off beside the official Puppet extension). */
  validatePuppetFiles: boolean;
  /** `postmortem.puppet.referenceValidator`: a `puppet` executable to validate saved .pp files with; empty: none. */
  referenceValidator: string;
}

const severities = new Set<Severity | 'off'>(['error', 'warning', 'info', 'hint', 'off']);

export function readSettings(raw: unknown): ServerSettings {
  const config = asRecord(raw);
  const markdownlint = asRecord(config.markdownlint);
  const puppet = asRecord(config.puppet);
  const puppetStyle = asRecord(puppet.style);
  const customProfile = readCustomProfile(config.customProfile);
  return {
    analysis: {
      profile: typeof config.profile === 'string' && config.profile.trim() !== '' ? config.profile : defaultSettings.profile,
      ...(customProfile ? { customProfile } : {}),
      rules: readRules(config.rules),
      markdownlint: { enable: typeof markdownlint.enable === 'boolean' ? markdownlint.enable : defaultSettings.markdownlint.enable },
      puppet: { style: { enable: typeof puppetStyle.enable === 'boolean' ? puppetStyle.enable : defaultSettings.puppet.style.enable } },
    },
    files: Array.isArray(config.files) ? config.files.filter((g): g is string => typeof g === 'string') : [...defaultPostmortemGlobs],
    validatePuppetFiles: typeof puppet.validateFiles === 'boolean' ? puppet.validateFiles : true,
    referenceValidator: typeof puppet.referenceValidator === 'string' ? puppet.referenceValidator.trim() : '',
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function readRules(value: unknown): RuleSeverities {
  const rules: RuleSeverities = {};
  for (const [rule, severity] of Object.entries(asRecord(value))) {
    if (typeof severity === 'string' && severities.has(severity as Severity)) rules[rule] = severity as Severity | 'off';
  }
  return rules;
}

function readCustomProfile(value: unknown): CustomProfileConfig | undefined {
  const config = asRecord(value);
  if (!Array.isArray(config.sections)) return undefined;
  const sections = config.sections
    .map(asRecord)
    .filter((s) => typeof s.title === 'string' && s.title.trim() !== '')
    .map((s) => ({
      title: s.title as string,
      ...(typeof s.key === 'string' ? { key: s.key } : {}),
      ...(Array.isArray(s.aliases) ? { aliases: s.aliases.filter((a): a is string => typeof a === 'string') } : {}),
      ...(typeof s.required === 'boolean' ? { required: s.required } : {}),
      ...(typeof s.prompt === 'string' ? { prompt: s.prompt } : {}),
    }));
  if (sections.length === 0) return undefined;
  return {
    ...(typeof config.name === 'string' ? { name: config.name } : {}),
    ...(typeof config.description === 'string' ? { description: config.description } : {}),
    sections,
  };
}

/**
 * Settings per document, cached until the configuration changes. Clients without workspace/configuration
 * send the settings with didChangeConfiguration instead; those apply to every document.
 */
export class SettingsStore {
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  private pushed: ServerSettings = readSettings(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: configurationSection }).then(readSettings, (error: unknown) => {
        this.connection.console.error(`Could not read the ${configurationSection} settings: ${String(error)}`);
        return this.pushed;
      });
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: `pushed` is the notification's settings object, if the client sent one. */
  changed(pushed: unknown): void {
    this.byUri.clear();
    const section = asRecord(pushed)[configurationSection];
    if (section !== undefined) this.pushed = readSettings(section);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
