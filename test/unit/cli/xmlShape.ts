// A small well-formedness check for the XML pmkit writes (JUnit): balanced tags, quoted attributes, no raw
// '<' or '&' in text. Not a general XML parser: no DTDs, CDATA or processing instructions beyond the prolog.

const prolog = /^<\?xml [^?]*\?>\s*/;
const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/y;
const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** Every problem found, empty for a well-formed document. */
export function xmlProblems(xml: string): string[] {
  const open: string[] = [];
  let roots = 0;
  let i = xml.match(prolog)?.[0].length ?? 0;
  while (i < xml.length) {
    const c = xml[i];
    if (c === '<') {
      tag.lastIndex = i;
      const m = tag.exec(xml);
      if (!m) return [`malformed tag at offset ${i}`];
      const [whole, closing, name, , selfClosing] = m;
      if (closing) {
        const expected = open.pop();
        if (expected !== name) return [`</${name}> closes <${expected ?? 'nothing'}> at offset ${i}`];
      } else {
        if (open.length === 0) roots++;
        if (!selfClosing) open.push(name);
      }
      i += whole.length;
    } else if (c === '&') {
      entity.lastIndex = i;
      const m = entity.exec(xml);
      if (!m) return [`bare '&' at offset ${i}`];
      i += m[0].length;
    } else {
      if (open.length === 0 && c.trim() !== '') return [`text outside the root element at offset ${i}`];
      i++;
    }
  }
  const problems: string[] = [];
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
