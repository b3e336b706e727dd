// A structural check of a SARIF 2.1.0 log: the properties the OASIS schema requires, their types and enums,
// and the cross-references (ruleIndex) consumers rely on. Hand-written so tests need no network or schema file.

type Json = unknown;

const levels = ['none', 'note', 'warning', 'error'];
const kinds = ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'];
const columnKinds = ['utf8CodeUnits', 'utf16CodeUnits'];

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUri(value: Json): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new URL(value, 'file:///base/');
    return true;
  } catch {
    return false;
  }
}

function isPositiveInteger(value: Json): boolean {
  return Number.isInteger(value) && (value as number) >= 1;
}

/** Every violation found, as 'path: problem'; empty for a valid log. */
export function sarifProblems(log: Json): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, where: string, problem: string) => {
    if (!ok) problems.push(`${where}: ${problem}`);
  };
  if (!isObject(log)) return ['log: not an object'];
  check(log.version === '2.1.0', 'version', 'must be "2.1.0"');
  check(log.$schema === undefined || isUri(log.$schema), '$schema', 'must be a URI');
  if (!Array.isArray(log.runs)) return [...problems, 'runs: required array'];

  log.runs.forEach((run: Json, r) => {
    const at = `runs[${r}]`;
    if (!isObject(run)) return check(false, at, 'not an object');
    if (!isObject(run.tool) || !isObject(run.tool.driver)) return check(false, `${at}.tool.driver`, 'required object');
    const driver = run.tool.driver;
    check(typeof driver.name === 'string' && driver.name !== '', `${at}.tool.driver.name`, 'required string');
    check(driver.informationUri === undefined || isUri(driver.informationUri), `${at}.tool.driver.informationUri`, 'must be a URI');
    const rules = driver.rules === undefined ? [] : driver.rules;
    check(Array.isArray(rules), `${at}.tool.driver.rules`, 'must be an array');
    const ruleIds: string[] = [];
    (Array.isArray(rules) ? rules : []).forEach((rule: Json, i) => {
      const where = `${at}.tool.driver.rules[${i}]`;
      if (!isObject(rule)) return check(false, where, 'not an object');
      check(typeof rule.id === 'string' && rule.id !== '', `${where}.id`, 'required string');
      check(!ruleIds.includes(rule.id as string), `${where}.id`, 'must be unique');
      ruleIds.push(rule.id as string);
      if (rule.shortDescription !== undefined) {
        check(isObject(rule.shortDescription) && typeof rule.shortDescription.text === 'string', `${where}.shortDescription.text`, 'required string');
      }
      check(rule.helpUri === undefined || isUri(rule.helpUri), `${where}.helpUri`, 'must be a URI');
      const level = isObject(rule.defaultConfiguration) ? rule.defaultConfiguration.level : undefined;
      check(level === undefined || levels.includes(level as string), `${where}.defaultConfiguration.level`, `must be one of ${levels}`);
    });
    check(run.columnKind === undefined || columnKinds.includes(run.columnKind as string), `${at}.columnKind`, `must be one of ${columnKinds}`);
    if (run.originalUriBaseIds !== undefined) {
      for (const [id, base] of Object.entries(isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {})) {
        check(isObject(base) && isUri(base.uri) && String(base.uri).endsWith('/'), `${at}.originalUriBaseIds.${id}.uri`, 'must be a URI ending in "/"');
      }
    }
    const results = run.results === undefined ? [] : run.results;
    check(Array.isArray(results), `${at}.results`, 'must be an array');
    (Array.isArray(results) ? results : []).forEach((result: Json, i) => {
      const where = `${at}.results[${i}]`;
      if (!isObject(result)) return check(false, where, 'not an object');
      const message = result.message;
      check(isObject(message) && (typeof message.text === 'string' || typeof message.id === 'string'), `${where}.message`, 'required, with text or id');
      check(result.ruleId === undefined || typeof result.ruleId === 'string', `${where}.ruleId`, 'must be a string');
      check(result.level === undefined || levels.includes(result.level as string), `${where}.level`, `must be one of ${levels}`);
      check(result.kind === undefined || kinds.includes(result.kind as string), `${where}.kind`, `must be one of ${kinds}`);
      if (result.ruleIndex !== undefined) {
        const index = result.ruleIndex as number;
        check(Number.isInteger(index) && index >= -1, `${where}.ruleIndex`, 'must be an integer >= -1');
        check(index === -1 || ruleIds[index] === result.ruleId, `${where}.ruleIndex`, 'must point at the rule named by ruleId');
      }
      (Array.isArray(result.locations) ? result.locations : []).forEach((location: Json, l) => {
        const place = `${where}.locations[${l}].physicalLocation`;
        const physical = isObject(location) ? location.physicalLocation : undefined;
        if (!isObject(physical)) return check(false, place, 'required object');
        check(isObject(physical.artifactLocation) && isUri(physical.artifactLocation.uri), `${place}.artifactLocation.uri`, 'required URI');
        const region = physical.region;
        if (region === undefined) return;
        if (!isObject(region)) return check(false, `${place}.region`, 'not an object');
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
          check(region[key] === undefined || isPositiveInteger(region[key]), `${place}.region.${key}`, 'must be an integer >= 1');
        }
        check(region.startLine !== undefined, `${place}.region.startLine`, 'required for a text region');
        if (isPositiveInteger(region.endLine)) check((region.endLine as number) >= (region.startLine as number), `${place}.region.endLine`, 'before startLine');
      });
    });
  });
  return problems;
}
