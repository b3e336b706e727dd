// `pmkit --config FILE`: the same AnalysisSettings the extension reads from VS Code settings, as JSON(C).
import { readFileSync } from 'node:fs';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Severity } from '../finding';
import type { CustomProfileConfig } from '../postmortem/profile';
import { defaultSettings, type AnalysisSettings, type RuleSeverities } from '../settings';
import { InputError } from './inputs';

const severities: ReadonlyArray<Severity | 'off'> = ['error', 'warning', 'info', 'hint', 'off'];
const knownKeys = ['profile', 'customProfile', 'rules', 'markdownlint', 'puppet', '$schema'];

/** Reads and checks a settings file; every mistake is reported with its property path, none is ignored silently. */
export function readSettingsFile(file: string): AnalysisSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such config file' : `cannot read (${code ?? error})`}`);
  }
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const line = text.slice(0, errors[0].offset).split('\n').length;
    throw new InputError(`${file}: invalid JSON at line ${line} (${printParseErrorCode(errors[0].error)})`);
  }
  try {
    return settingsFrom(value);
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
}

function settingsFrom(value: unknown): AnalysisSettings {
  const root = object(value, 'the file');
  const unknown = Object.keys(root).filter((key) => !knownKeys.includes(key));
  if (unknown.length > 0) throw new Error(`unknown setting ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${knownKeys.slice(0, -1).join(', ')})`);
  const settings: AnalysisSettings = structuredClone(defaultSettings);
  if (root.profile !== undefined) settings.profile = string(root.profile, 'profile');
  if (root.customProfile !== undefined) settings.customProfile = customProfile(root.customProfile);
  if (root.rules !== undefined) settings.rules = rules(root.rules);
  const markdownlint = object(root.markdownlint ?? {}, 'markdownlint');
  if (markdownlint.enable !== undefined) settings.markdownlint.enable = flag(markdownlint.enable, 'markdownlint.enable');
  const style = object(object(root.puppet ?? {}, 'puppet').style ?? {}, 'puppet.style');
  if (style.enable !== undefined) settings.puppet.style.enable = flag(style.enable, 'puppet.style.enable');
  return settings;
}

function rules(value: unknown): RuleSeverities {
  const entries = Object.entries(object(value, 'rules'));
  for (const [rule, severity] of entries) {
    if (!severities.includes(severity as Severity)) {
      throw new Error(`rules.${rule} must be one of ${severities.join(', ')}, not ${JSON.stringify(severity)}`);
    }
  }
  return Object.fromEntries(entries) as RuleSeverities;
}

function customProfile(value: unknown): CustomProfileConfig {
  const profile = object(value, 'customProfile');
  if (!Array.isArray(profile.sections)) throw new Error('customProfile.sections must be a list of sections');
  profile.sections.forEach((section: unknown, i: number) => {
    const where = `customProfile.sections[${i}]`;
    const s = object(section, where);
    string(s.title, `${where}.title`);
    if (s.aliases !== undefined && !(Array.isArray(s.aliases) && s.aliases.every((a) => typeof a === 'string'))) {
      throw new Error(`${where}.aliases must be a list of strings`);
    }
    if (s.required !== undefined) flag(s.required, `${where}.required`);
  });
  return profile as unknown as CustomProfileConfig;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where} must be a string`);
  return value;
}

function flag(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`${where} must be true or false`);
  return value;
}
