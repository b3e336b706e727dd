// Shared by the Puppet editor feature and formatter tests: the seed's fix, texts with a cursor mark, and a small workspace.
import { indexPuppetDocument, mergePuppetIndexes, type PuppetWorkspaceIndex } from '../../../server/src/puppet/features/workspaceIndex';

/** The seed postmortem's fix, as its author wrote it. */
export const SEED = [
  "package { 'php-missing-module':",
  '  ensure => installed,',
  '}',
  '',
  "service { 'apache2':",
  '  ensure    => running,',
  '  enable    => true,',
  "  subscribe => Package['php-missing-module'],",
  '}',
  '',
].join('\n');

const CURSOR = '¦';

/** A text with one `¦` marking the cursor: the text without it, and the cursor's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error('mark the cursor with exactly one ¦');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** The offset of the `n`th occurrence of `needle`, plus `delta`. */
export function offsetOf(text: string, needle: string, delta = 0, n = 1): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found`);
  }
  return at + delta;
}

export const APACHE_URI = 'file:///modules/apache/manifests/init.pp';
export const VHOST_URI = 'file:///modules/apache/manifests/vhost.pp';

/** Two files of a workspace: a class with puppet-strings docs, and a defined type. */
export const APACHE = [
  '# @summary Installs and configures Apache.',
  '#',
  '# @param default_vhost',
  '#   Whether to declare the default virtual host.',
  '# @param mpm Which multi-processing module to load.',
  'class apache (',
  '  Boolean $default_vhost = true,',
  "  Enum['prefork', 'worker', 'event'] $mpm = 'event',",
  ') {',
  "  package { 'httpd':",
  '    ensure => installed,',
  '  }',
  '}',
  '',
].join('\n');

export const VHOST = [
  '# A virtual host.',
  'define apache::vhost (',
  '  Integer $port,',
  "  Optional[Enum['present', 'absent']] $ensure = 'present',",
  '  String $docroot = "/var/www/${title}",',
  ') {',
  '}',
  '',
].join('\n');

export function workspace(): PuppetWorkspaceIndex {
  return mergePuppetIndexes([indexPuppetDocument(APACHE, APACHE_URI), indexPuppetDocument(VHOST, VHOST_URI)]);
}
