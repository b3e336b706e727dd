// Puppet's built-in resource types as data: the facts of Puppet's type reference (lib/puppet/type/*.rb
// and the *_core modules bundled with puppet-agent), with our own one-line docs.
// The checker validates attributes and values against it; hover and completion read it.

export interface AttributeSpec {
  name: string;
  /** One line for hover and completion. */
  doc: string;
  /** Properties are managed state; parameters steer how Puppet manages it. */
  kind: 'property' | 'parameter' | 'metaparameter';
  /** Keyword values the attribute accepts (aliases included), when it is enum-like. */
  values?: readonly string[];
  /** Besides `values`, free-form values of this shape are valid (a package version, a link target...). */
  freeForm?: { pattern: RegExp; describe: string };
  /** Values Puppet once accepted and no longer does, with what to write instead. */
  removedValues?: Readonly<Record<string, string>>;
  /** The attribute that defaults to the resource title. */
  namevar?: boolean;
  /** Default worth knowing, as Puppet code. */
  default?: string;
}

export interface ResourceTypeSpec {
  name: string;
  doc: string;
  attributes: readonly AttributeSpec[];
}

type Spec = Omit<AttributeSpec, 'name' | 'kind'>;

/** Puppet::Parameter::Boolean accepts these words besides the booleans. */
const booleanValues = ['true', 'false', 'yes', 'no'] as const;
const trueFalse = ['true', 'false'] as const;
const membership = ['inclusive', 'minimum'] as const;
const ensurePresence = ['present', 'absent'] as const;

function attrs(kind: AttributeSpec['kind'], specs: Record<string, Spec>): AttributeSpec[] {
  return Object.entries(specs).map(([name, spec]) => ({ name, kind, ...spec }));
}

function type(
  name: string,
  doc: string,
  properties: Record<string, Spec>,
  parameters: Record<string, Spec>,
): ResourceTypeSpec {
  return { name, doc, attributes: [...attrs('property', properties), ...attrs('parameter', parameters)] };
}

const provider: Spec = { doc: 'The backend that manages this resource; normally picked from the platform.' };

const sshKeyTypes = [
  'ssh-dss', 'ssh-rsa', 'ssh-ed25519',
  'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521',
  'sk-ecdsa-sha2-nistp256@openssh.com', 'sk-ssh-ed25519@openssh.com',
  'ssh-rsa-cert-v01@openssh.com', 'ssh-ed25519-cert-v01@openssh.com', 'ssh-dss-cert-v01@openssh.com',
  'ecdsa-sha2-nistp256-cert-v01@openssh.com', 'ecdsa-sha2-nistp384-cert-v01@openssh.com',
  'ecdsa-sha2-nistp521-cert-v01@openssh.com',
  // aliases
  'dsa', 'rsa', 'ed25519', 'ecdsa-sk', 'ed25519-sk',
];

/** Attributes every resource accepts. */
export const metaparameters: readonly AttributeSpec[] = attrs('metaparameter', {
  before: { doc: 'Resources to apply after this one.' },
  require: { doc: 'Resources to apply before this one.' },
  notify: { doc: 'Resources to apply after this one and refresh when this one changes.' },
  subscribe: { doc: 'Resources to apply before this one; this one refreshes when they change.' },
  alias: { doc: 'Extra names by which the resource can be referenced.' },
  audit: { doc: 'Attributes to watch and report changes of, without managing them.' },
  loglevel: {
    doc: 'Level at which to log messages about this resource.',
    values: ['debug', 'info', 'notice', 'warning', 'err', 'alert', 'emerg', 'crit', 'verbose'],
    default: 'notice',
  },
  noop: { doc: 'Only report what would change, without changing it.', values: trueFalse },
  schedule: { doc: 'Name of a schedule resource limiting when this resource may be applied.' },
  stage: { doc: 'Run stage of a class declared resource-like (classes only).' },
  tag: { doc: 'Extra tags for selecting this resource in runs and collectors.' },
  consume: { doc: 'Capability resources this resource consumes (application orchestration).' },
  export: { doc: 'Capability resources this resource produces (application orchestration).' },
});

/** Types with a schema here: the checker validates their attributes and values. */
export const coreTypes: readonly ResourceTypeSpec[] = [
  type('package', 'A software package, managed through the platform package manager.', {
    ensure: {
      doc: 'Whether the package is installed, removed, or pinned to a version.',
      values: ['present', 'installed', 'absent', 'purged', 'disabled', 'latest'],
      freeForm: { pattern: /\d/, describe: 'a version string' },
      removedValues: { held: "removed in Puppet 7; use `mark => hold`" },
      default: 'installed',
    },
    package_settings: { doc: 'Provider-specific settings, such as build options.' },
    flavor: { doc: 'Variant of the package to install, for providers with flavors.' },
    mark: { doc: 'Whether to hold the package at its current version.', values: ['hold', 'none'] },
  }, {
    name: { doc: 'The package name as the package manager knows it.', namevar: true },
    command: { doc: 'Package manager executable to target.', namevar: true, default: 'default' },
    provider,
    source: { doc: 'Where to find the package file, for providers that need one.' },
    instance: { doc: 'Instance name, for packages installed several times.' },
    status: { doc: 'Package state as read from the system; not settable.' },
    adminfile: { doc: 'Admin file for Solaris package installs.' },
    responsefile: { doc: 'File of answers for interactive installers.' },
    configfiles: { doc: 'Keep or replace changed config files on install.', values: ['keep', 'replace'], default: 'keep' },
    category: { doc: 'Package category, as reported by some managers.' },
    platform: { doc: 'Package platform, as reported by some managers.' },
    root: { doc: 'Install root for the package.' },
    vendor: { doc: 'Package vendor, as reported by some managers.' },
    description: { doc: 'Package description, as reported by some managers.' },
    allowcdrom: { doc: 'Whether apt may use CD-ROM sources.', values: trueFalse },
    enable_only: { doc: 'Only enable the module stream, without installing (dnfmodule).', values: booleanValues, default: 'false' },
    install_only: { doc: 'Install new versions beside old ones instead of upgrading (kernels).', values: booleanValues, default: 'false' },
    install_options: { doc: 'Extra options passed to the installer.' },
    uninstall_options: { doc: 'Extra options passed to the uninstaller.' },
    allow_virtual: { doc: 'Whether the name may be a virtual package.', values: booleanValues },
    reinstall_on_refresh: { doc: 'Reinstall the package when notified.', values: trueFalse, default: 'false' },
  }),

  type('service', 'A system service (daemon), started, stopped and enabled through the init system.', {
    ensure: {
      doc: 'Whether the service should be running now.',
      values: ['running', 'stopped', 'true', 'false'],
    },
    enable: {
      doc: 'Whether the service starts at boot.',
      values: ['true', 'false', 'manual', 'mask', 'delayed'],
    },
    flags: { doc: 'Flags to pass to the service, for providers that take them.' },
    logonaccount: { doc: 'Account the service runs as (Windows).' },
  }, {
    name: { doc: 'The service name as the init system knows it.', namevar: true },
    provider,
    binary: { doc: 'Path to the daemon, for init scripts that need it.' },
    control: { doc: 'Control variable enabling the service (rc.conf style providers).' },
    hasrestart: { doc: 'Whether the init script has a working restart command.', values: trueFalse },
    hasstatus: { doc: 'Whether the init script has a working status command.', values: trueFalse, default: 'true' },
    logonpassword: { doc: 'Password of the logon account (Windows).' },
    manifest: { doc: 'Manifest file for launchd or SMF services.' },
    path: { doc: 'Search path for init scripts.' },
    pattern: { doc: 'Process table pattern used to find the running service.' },
    restart: { doc: 'Command that restarts the service.' },
    start: { doc: 'Command that starts the service.' },
    status: { doc: 'Command whose exit code tells whether the service runs.' },
    stop: { doc: 'Command that stops the service.' },
    timeout: { doc: 'Seconds to wait for the service to change state.' },
  }),

  type('file', 'A file, directory or symlink: its presence, content and permissions.', {
    ensure: {
      doc: 'What kind of file should exist, if any.',
      values: ['present', 'absent', 'false', 'file', 'directory', 'link'],
      freeForm: { pattern: /\//, describe: 'a symlink target path' },
    },
    checksum_value: { doc: 'Expected checksum of the content.' },
    content: { doc: 'The file content, as a string.' },
    ctime: { doc: 'Time of last inode change; read-only.' },
    group: { doc: 'Owning group, by name or id.' },
    mode: { doc: "Permissions, as a quoted 4-digit octal or symbolic mode ('0644', 'u=rw,go=r')." },
    mtime: { doc: 'Time of last content change; read-only.' },
    owner: { doc: 'Owning user, by name or id.' },
    selrange: { doc: 'SELinux range component of the file context.' },
    selrole: { doc: 'SELinux role component of the file context.' },
    seltype: { doc: 'SELinux type component of the file context.' },
    seluser: { doc: 'SELinux user component of the file context.' },
    target: { doc: 'Where a symlink points (with `ensure => link`).' },
    type: { doc: 'File type as found on disk; read-only.' },
  }, {
    path: { doc: 'Absolute path of the file.', namevar: true },
    provider,
    backup: { doc: 'Whether and where to back up content before replacing it.' },
    checksum: {
      doc: 'Checksum algorithm used to detect content changes.',
      values: ['sha256', 'sha256lite', 'md5', 'md5lite', 'sha1', 'sha1lite', 'sha512', 'sha384', 'sha224', 'mtime', 'ctime', 'none'],
    },
    force: { doc: 'Allow replacing a directory or purging subdirectories.', values: booleanValues, default: 'false' },
    ignore: { doc: 'Glob patterns to skip when recursing.' },
    links: { doc: 'Whether to follow or manage symlinks met while copying.', values: ['follow', 'manage'], default: 'manage' },
    max_files: { doc: 'Limit of files a recursion may visit (0: warn at 1000, -1: no limit).', default: '0' },
    purge: { doc: 'Remove unmanaged files from a managed directory.', values: booleanValues, default: 'false' },
    recurse: { doc: 'Manage the directory contents too.', values: ['true', 'false', 'remote'] },
    recurselimit: { doc: 'How deep to recurse.' },
    replace: { doc: 'Whether to replace an existing file whose content differs.', values: booleanValues, default: 'true' },
    selinux_ignore_defaults: { doc: 'Do not apply the default SELinux context.', values: trueFalse },
    show_diff: { doc: 'Log content diffs on change.', values: booleanValues, default: 'true' },
    source: { doc: 'Where to copy the content from: puppet:// URI, local path, or http(s) URL.' },
    source_permissions: { doc: 'Whether to copy permissions from the source.', values: ['use', 'use_when_creating', 'ignore'], default: 'ignore' },
    sourceselect: { doc: 'Use the first source found, or merge all of them.', values: ['first', 'all'], default: 'first' },
    staging_location: { doc: 'Directory for staging content before moving it in place.' },
    validate_cmd: { doc: 'Command that must accept the new content before it replaces the file.' },
    validate_replacement: { doc: 'Placeholder in validate_cmd for the staged file path.', default: "'%'" },
  }),

  type('exec', 'A command to run, guarded by onlyif/unless/creates so it runs only when needed.', {
    returns: { doc: 'Exit codes that mean success.', default: '0' },
  }, {
    command: { doc: 'The command to run; fully qualified unless `path` is set.', namevar: true },
    provider,
    creates: { doc: 'Skip the command when this file exists.' },
    cwd: { doc: 'Directory to run the command in.' },
    environment: { doc: "Extra environment variables, as 'NAME=value' strings." },
    group: { doc: 'Group to run the command as.' },
    logoutput: { doc: 'When to log the command output.', values: ['true', 'false', 'on_failure'], default: 'on_failure' },
    onlyif: { doc: 'Run only when this command succeeds.' },
    path: { doc: 'Search path for the command.' },
    refresh: { doc: 'Command to run instead when the exec is refreshed.' },
    refreshonly: { doc: 'Run only when notified by a change.', values: trueFalse },
    timeout: { doc: 'Seconds before the command is killed (0: never).', default: '300' },
    tries: { doc: 'How many times to try the command.', default: '1' },
    try_sleep: { doc: 'Seconds to wait between tries.', default: '0' },
    umask: { doc: 'Umask for the command.' },
    unless: { doc: 'Run only when this command fails.' },
    user: { doc: 'User to run the command as.' },
  }),

  type('user', 'A local user account.', {
    ensure: { doc: 'Whether the account exists.', values: ['present', 'absent', 'role'] },
    attributes: { doc: 'Extra key=value attributes (AIX).' },
    auths: { doc: 'Authorizations (Solaris RBAC).' },
    comment: { doc: 'Description of the account (GECOS field).' },
    expiry: { doc: "Expiry date as 'YYYY-MM-DD', or absent." },
    gid: { doc: 'Primary group, by name or id.' },
    groups: { doc: 'Secondary groups.' },
    home: { doc: 'Home directory.' },
    iterations: { doc: 'Password hash iterations (macOS).' },
    keys: { doc: 'Extra key=value attributes (Solaris).' },
    loginclass: { doc: 'Login class (BSD).' },
    password: { doc: 'Password hash, as the system stores it.' },
    password_max_age: { doc: 'Days before the password must change.' },
    password_min_age: { doc: 'Days before the password may change.' },
    password_warn_days: { doc: 'Days of warning before the password expires.' },
    profiles: { doc: 'Execution profiles (Solaris RBAC).' },
    project: { doc: 'Project (Solaris).' },
    roles: { doc: 'Roles (Solaris RBAC).' },
    salt: { doc: 'Password salt (macOS).' },
    shell: { doc: 'Login shell.' },
    uid: { doc: 'User id.' },
  }, {
    name: { doc: 'The login name.', namevar: true },
    provider,
    allowdupe: { doc: 'Allow a uid already in use.', values: booleanValues, default: 'false' },
    attribute_membership: { doc: 'Whether `attributes` lists all attributes or a minimum.', values: membership, default: 'minimum' },
    auth_membership: { doc: 'Whether `auths` lists all authorizations or a minimum.', values: membership, default: 'minimum' },
    forcelocal: { doc: 'Manage the account in local files even when a directory service exists.', values: booleanValues, default: 'false' },
    ia_load_module: { doc: 'I&A load module (AIX).' },
    key_membership: { doc: 'Whether `keys` lists all keys or a minimum.', values: membership, default: 'minimum' },
    managehome: { doc: 'Create the home directory with the account and delete it with it.', values: booleanValues, default: 'false' },
    membership: { doc: 'Whether `groups` lists all secondary groups or a minimum.', values: membership, default: 'minimum' },
    profile_membership: { doc: 'Whether `profiles` lists all profiles or a minimum.', values: membership, default: 'minimum' },
    purge_ssh_keys: { doc: 'Remove authorized keys not managed by Puppet.', default: 'false' },
    role_membership: { doc: 'Whether `roles` lists all roles or a minimum.', values: membership, default: 'minimum' },
    system: { doc: 'Create a system account (low uid).', values: booleanValues, default: 'false' },
  }),

  type('group', 'A local group.', {
    ensure: { doc: 'Whether the group exists.', values: ensurePresence, default: 'present' },
    attributes: { doc: 'Extra key=value attributes (AIX).' },
    gid: { doc: 'Group id.' },
    members: { doc: 'Members of the group.' },
  }, {
    name: { doc: 'The group name.', namevar: true },
    provider,
    allowdupe: { doc: 'Allow a gid already in use.', values: booleanValues, default: 'false' },
    attribute_membership: { doc: 'Whether `attributes` lists all attributes or a minimum.', values: membership, default: 'minimum' },
    auth_membership: { doc: 'Whether `members` lists all members or a minimum.', values: booleanValues, default: 'false' },
    forcelocal: { doc: 'Manage the group in local files even when a directory service exists.', values: booleanValues, default: 'false' },
    ia_load_module: { doc: 'I&A load module (AIX).' },
    system: { doc: 'Create a system group (low gid).', values: booleanValues, default: 'false' },
  }),

  type('cron', 'A crontab entry.', {
    ensure: { doc: 'Whether the cron job exists.', values: ensurePresence },
    command: { doc: 'The command to run.' },
    environment: { doc: "Environment lines for the job, as 'NAME=value'." },
    hour: { doc: 'Hour (0-23) to run at.' },
    minute: { doc: 'Minute (0-59) to run at.' },
    month: { doc: 'Month (1-12 or name) to run in.' },
    monthday: { doc: 'Day of the month (1-31) to run on.' },
    special: { doc: "A special schedule such as 'reboot' or 'daily', instead of the time fields." },
    target: { doc: 'Crontab file holding the job.' },
    user: { doc: 'User whose crontab holds the job.' },
    weekday: { doc: 'Day of the week (0-7 or name) to run on.' },
  }, {
    name: { doc: 'Symbolic name of the job, kept as a comment in the crontab.', namevar: true },
    provider,
  }),

  type('mount', 'A filesystem mount and its fstab entry.', {
    ensure: {
      doc: 'Whether the mount is defined in fstab and whether it is mounted.',
      values: ['defined', 'present', 'unmounted', 'absent', 'mounted'],
    },
    atboot: { doc: 'Whether to mount at boot.', values: booleanValues },
    blockdevice: { doc: 'Device to fsck (Solaris).' },
    device: { doc: 'The device, share or image to mount.' },
    dump: { doc: 'Whether dump backs the filesystem up (0 or 1; 2 on FreeBSD).' },
    fstype: { doc: 'Filesystem type.' },
    options: { doc: 'Mount options as one comma-separated string.' },
    pass: { doc: 'fsck pass number.' },
    target: { doc: 'File holding the mount table.' },
  }, {
    name: { doc: 'The mount point.', namevar: true },
    provider,
    remounts: { doc: 'Whether the mount can be remounted in place to apply option changes.', values: trueFalse },
  }),

  type('host', 'A line in the hosts file.', {
    ensure: { doc: 'Whether the entry exists.', values: ensurePresence },
    comment: { doc: 'Comment appended to the line.' },
    host_aliases: { doc: 'Other names for the host.' },
    ip: { doc: 'IPv4 or IPv6 address.' },
    target: { doc: 'Hosts file to edit.' },
  }, {
    name: { doc: 'The host name.', namevar: true },
    provider,
  }),

  type('notify', 'A message to log during the run; always reports a change.', {
    message: { doc: 'The message to log; defaults to the title.' },
  }, {
    name: { doc: 'Name of the notify resource.', namevar: true },
    withpath: { doc: 'Log the full resource path with the message.', values: trueFalse, default: 'false' },
  }),

  type('ssh_authorized_key', "A public key in a user's authorized_keys file.", {
    ensure: { doc: 'Whether the key is authorized.', values: ensurePresence },
    key: { doc: 'The base64 public key, without type or comment.' },
    options: { doc: 'Key options such as from="..." or no-pty.' },
    target: { doc: 'The authorized_keys file; defaults to the user’s ~/.ssh/authorized_keys.' },
    type: { doc: 'Key type.', values: sshKeyTypes },
    user: { doc: 'Account whose authorized_keys file holds the key.' },
  }, {
    name: { doc: 'Key comment, unique per user.', namevar: true },
    provider,
    drop_privileges: { doc: 'Write the file as the target user.', values: booleanValues, default: 'true' },
  }),

  type('sshkey', 'A host key in ssh_known_hosts.', {
    ensure: { doc: 'Whether the key is known.', values: ensurePresence },
    host_aliases: { doc: 'Other names for the host.' },
    key: { doc: 'The base64 host key.' },
    target: { doc: 'The known_hosts file to edit.' },
  }, {
    name: { doc: 'The host name.', namevar: true },
    provider,
    type: { doc: 'Key type.', values: sshKeyTypes, namevar: true },
  }),

  type('tidy', 'Removes files matching age, size or name criteria under a path.', {}, {
    path: { doc: 'Path to clean up.', namevar: true },
    age: { doc: "Minimum age of files to remove, e.g. '1w' or '3d'." },
    backup: { doc: 'Whether and where to back up removed files.' },
    matches: { doc: 'Glob patterns of file names to remove.' },
    max_files: { doc: 'Limit of files to visit (0: warn at 1000).', default: '0' },
    recurse: {
      doc: 'How deep to look for files.',
      values: ['true', 'false', 'inf'],
      freeForm: { pattern: /^\d+$/, describe: 'a depth' },
    },
    rmdirs: { doc: 'Remove empty directories too.', values: booleanValues },
    size: { doc: "Minimum size of files to remove, e.g. '10m'." },
    type: { doc: 'Which timestamp `age` compares.', values: ['atime', 'mtime', 'ctime'], default: 'atime' },
  }),

  type('schedule', 'A time window that resources may name with `schedule =>` to limit when they apply.', {}, {
    name: { doc: 'Name of the schedule.', namevar: true },
    period: { doc: 'Length of the repeating period.', values: ['hourly', 'daily', 'weekly', 'monthly', 'never'] },
    periodmatch: { doc: 'Match the period by distance since last run or by period number.', values: ['number', 'distance'], default: 'distance' },
    range: { doc: "Time window within the period, e.g. '2 - 4' or '22:00 - 04:00'." },
    repeat: { doc: 'How many times per period the resource may apply.', default: '1' },
    weekday: { doc: 'Days of the week the schedule is valid.' },
  }),

  type('stage', 'A run stage: classes assigned to it apply before or after the main stage.', {}, {
    name: { doc: 'Name of the stage.', namevar: true },
  }),

  type('filebucket', 'A place where file backups are stored.', {}, {
    name: { doc: 'Name of the bucket.', namevar: true },
    path: { doc: 'Local directory for the bucket.' },
    port: { doc: 'Port of the remote bucket server.' },
    server: { doc: 'Remote bucket server.' },
  }),

  type('resources', 'Bulk management of every resource of one type, such as purging unmanaged ones.', {}, {
    name: { doc: 'The resource type to manage.', namevar: true },
    purge: { doc: 'Remove unmanaged resources of this type.', values: booleanValues, default: 'false' },
    unless_system_user: {
      doc: 'Do not purge system users (below uid 500, or below the given uid).',
      values: trueFalse,
      freeForm: { pattern: /^\d+$/, describe: 'a uid' },
    },
    unless_uid: { doc: 'Uids or ranges never to purge.' },
  }),
];

/**
 * Types shipped with puppet-agent (core modules, Windows and Solaris types) that exist but have
 * no schema here: they are known names, their attributes go unchecked.
 */
export const bundledTypeNames: readonly string[] = [
  'augeas', 'k5login', 'macauthorization', 'mailalias', 'maillist', 'mcx', 'scheduled_task',
  'selboolean', 'selmodule', 'yumrepo', 'zfs', 'zone', 'zpool',
];

const typesByName = new Map(coreTypes.map((t) => [t.name, t]));
const metaparametersByName = new Map(metaparameters.map((m) => [m.name, m]));

export function coreType(name: string): ResourceTypeSpec | undefined {
  return typesByName.get(name.toLowerCase());
}

/** True for any type Puppet itself provides, with or without a schema here. */
export function isBuiltinType(name: string): boolean {
  const lower = name.toLowerCase();
  return typesByName.has(lower) || bundledTypeNames.includes(lower);
}

export function metaparameter(name: string): AttributeSpec | undefined {
  return metaparametersByName.get(name);
}

/** The type's own attribute or a metaparameter. */
export function attributeOf(spec: ResourceTypeSpec, name: string): AttributeSpec | undefined {
  return spec.attributes.find((a) => a.name === name) ?? metaparametersByName.get(name);
}

/** The attribute that takes the title when not set; a type with a composite key lists its main one first. */
export function namevarOf(spec: ResourceTypeSpec): AttributeSpec | undefined {
  return spec.attributes.find((a) => a.namevar);
}

function acceptedNames(spec: ResourceTypeSpec): readonly string[] {
  return [...spec.attributes.map((a) => a.name), ...metaparameters.map((m) => m.name)];
}

// The checker asks for every resource it sees.
const attributeNamesByType = new Map(coreTypes.map((t) => [t, acceptedNames(t)]));

/** Every name the type accepts, its own attributes first. */
export function attributeNames(spec: ResourceTypeSpec): readonly string[] {
  return attributeNamesByType.get(spec) ?? acceptedNames(spec);
}

export type ValueVerdict =
  | { valid: true }
  | { valid: false; removed?: string };

/** Checks a literal value (as written, unquoted) against an attribute's allowed values. */
export function checkValue(attribute: AttributeSpec, value: string): ValueVerdict {
  if (!attribute.values) return { valid: true };
  if (attribute.values.includes(value)) return { valid: true };
  const removed = attribute.removedValues?.[value];
  if (removed) return { valid: false, removed };
  if (attribute.freeForm?.pattern.test(value)) return { valid: true };
  return { valid: false };
}
