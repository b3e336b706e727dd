import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  attributeNames,
  attributeOf,
  checkValue,
  coreType,
  coreTypes,
  isBuiltinType,
  metaparameters,
  namevarOf,
} from '../../../server/src/puppet/coreTypes';

function attribute(typeName: string, name: string) {
  const spec = coreType(typeName);
  assert.ok(spec, `type ${typeName}`);
  const attr = attributeOf(spec, name);
  assert.ok(attr, `${typeName}.${name}`);
  return attr;
}

describe('core types data', () => {
  it('covers the types postmortems use', () => {
    for (const name of [
      'package', 'service', 'file', 'exec', 'user', 'group', 'cron', 'mount', 'host', 'notify',
      'ssh_authorized_key', 'tidy', 'schedule', 'stage',
    ]) {
      assert.ok(coreType(name), name);
    }
    assert.equal(coreType('Package')?.name, 'package', 'type names are case-insensitive');
    assert.equal(coreType('apache::vhost'), undefined);
  });

  it('has every metaparameter', () => {
    const names = metaparameters.map((m) => m.name).sort();
    assert.deepEqual(names, [
      'alias', 'audit', 'before', 'consume', 'export', 'loglevel', 'noop', 'notify', 'require', 'schedule',
      'stage', 'subscribe', 'tag',
    ]);
    assert.equal(attribute('package', 'subscribe').kind, 'metaparameter');
  });

  it('gives each type a namevar, unique attribute names and one-line docs', () => {
    for (const spec of coreTypes) {
      assert.ok(spec.attributes.some((a) => a.namevar), `${spec.name} has a namevar`);
      const names = attributeNames(spec);
      assert.equal(new Set(names).size, names.length, `${spec.name}: no attribute shadows another or a metaparameter`);
      for (const a of [...spec.attributes, ...metaparameters]) {
        assert.match(a.doc, /^\S[^\n]*$/, `${spec.name}.${a.name} doc is one line`);
        assert.match(a.name, /^[a-z_]+$/, `${spec.name}.${a.name} is a valid attribute name`);
      }
    }
  });

  it('names the main namevar of each type', () => {
    assert.equal(namevarOf(coreType('file')!)?.name, 'path');
    assert.equal(namevarOf(coreType('exec')!)?.name, 'command');
    assert.equal(namevarOf(coreType('package')!)?.name, 'name', 'package also has command as a key, but name comes first');
    assert.equal(namevarOf(coreType('sshkey')!)?.name, 'name');
  });

  it('knows the ensure values of each type', () => {
    assert.deepEqual([...attribute('service', 'ensure').values!].sort(), ['false', 'running', 'stopped', 'true']);
    assert.deepEqual(
      [...attribute('package', 'ensure').values!].sort(),
      ['absent', 'disabled', 'installed', 'latest', 'present', 'purged'],
    );
    for (const value of ['present', 'absent', 'file', 'directory', 'link']) {
      assert.ok(attribute('file', 'ensure').values!.includes(value), `file ensure ${value}`);
    }
    assert.equal(attributeOf(coreType('exec')!, 'ensure'), undefined, 'exec is not ensurable');
  });

  it('accepts keywords, aliases and free-form values, and rejects the rest', () => {
    const serviceEnsure = attribute('service', 'ensure');
    assert.deepEqual(checkValue(serviceEnsure, 'running'), { valid: true });
    assert.deepEqual(checkValue(serviceEnsure, 'true'), { valid: true });
    assert.deepEqual(checkValue(serviceEnsure, 'runing'), { valid: false });
    assert.deepEqual(checkValue(serviceEnsure, 'Running'), { valid: false }, 'Puppet compares values case-sensitively');

    const packageEnsure = attribute('package', 'ensure');
    assert.deepEqual(checkValue(packageEnsure, '2.4.1-1ubuntu3'), { valid: true });
    assert.deepEqual(checkValue(packageEnsure, 'instaled'), { valid: false });
    const held = checkValue(packageEnsure, 'held');
    assert.equal(held.valid, false);
    assert.match(held.valid ? '' : held.removed ?? '', /mark => hold/);

    assert.deepEqual(checkValue(attribute('file', 'ensure'), '/etc/inet/inetd.conf'), { valid: true });
    assert.deepEqual(checkValue(attribute('file', 'ensure'), 'directroy'), { valid: false });
    assert.deepEqual(checkValue(attribute('file', 'force'), 'yes'), { valid: true }, 'boolean parameters take yes/no');
    assert.deepEqual(checkValue(attribute('file', 'mode'), 'anything'), { valid: true }, 'free attributes take anything');
  });

  it('tells built-in types without a schema from unknown ones', () => {
    assert.equal(isBuiltinType('yumrepo'), true);
    assert.equal(coreType('yumrepo'), undefined);
    assert.equal(isBuiltinType('Service'), true);
    assert.equal(isBuiltinType('fiel'), false);
  });
});
