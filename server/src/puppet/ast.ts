// The Puppet syntax tree. Every node carries `start`/`end` UTF-16 offsets into the parsed text
// (end exclusive); SourceText turns them into positions. Node names follow Puppet's own model
// where one exists (ResourceDefaults, Collector, Selector, ...), so Puppet's docs apply.

export interface NodeBase {
  start: number;
  end: number;
}

// ---- literals and names ----

/** A lower-case bare name: `file`, `apache::vhost`, `present` (a string where a value is expected). */
export interface Name extends NodeBase {
  type: 'Name';
  value: string;
}

/** `File`, `Foo::Bar`: a type or resource type reference. */
export interface TypeReference extends NodeBase {
  type: 'TypeReference';
  value: string;
}

export interface Variable extends NodeBase {
  type: 'Variable';
  /** Without `$`: 'x', '::x', 'a::b'. */
  name: string;
}

export interface StringLiteral extends NodeBase {
  type: 'String';
  /** Escapes processed. */
  value: string;
  /** 'bare' for a word that is not a valid name (`foo-bar`) or a dotted node name; 'heredoc' for heredoc text. */
  quote: '"' | "'" | 'bare' | 'heredoc';
}

/** Literal text between interpolations. */
export interface TextSegment extends NodeBase {
  type: 'Text';
  value: string;
}

/** `$x` or `${expr}` in a string. */
export interface Interpolation extends NodeBase {
  type: 'Interpolation';
  expression: Expression;
  braced: boolean;
}

/** A double-quoted string (or interpolating heredoc text) with at least one interpolation. */
export interface InterpolatedString extends NodeBase {
  type: 'InterpolatedString';
  parts: Array<TextSegment | Interpolation>;
}

export interface Heredoc extends NodeBase {
  type: 'Heredoc';
  tag: string;
  /** e.g. 'json'; '' when none. */
  syntax: string;
  /** The text, located on the heredoc's lines. */
  text: StringLiteral | InterpolatedString;
}

export interface NumberLiteral extends NodeBase {
  type: 'Number';
  /** As written: '0x1F', '0777', '1.5e3'. */
  raw: string;
  value: number;
  /** True for a float (has a '.' or an exponent). */
  float: boolean;
}

export interface BooleanLiteral extends NodeBase {
  type: 'Boolean';
  value: boolean;
}

export interface UndefLiteral extends NodeBase {
  type: 'Undef';
}

export interface DefaultLiteral extends NodeBase {
  type: 'Default';
}

export interface RegexLiteral extends NodeBase {
  type: 'Regex';
  /** The pattern between the slashes, `\/` unescaped. */
  pattern: string;
}

/** `private` or `attr`: reserved words; Puppet rejects them as values. */
export interface ReservedWord extends NodeBase {
  type: 'Reserved';
  word: string;
}

export interface ArrayLiteral extends NodeBase {
  type: 'Array';
  elements: Expression[];
}

export interface HashEntry extends NodeBase {
  type: 'HashEntry';
  key: Expression;
  value: Expression;
}

/**
 * `{ k => v }`. Also `k => v` written directly in an argument list or array (`foo(a => 1)`),
 * which Puppet folds into a hash: then `braced` is false.
 */
export interface HashLiteral extends NodeBase {
  type: 'Hash';
  entries: HashEntry[];
  braced: boolean;
}

// ---- operators ----

export type BinaryOperator =
  | 'in' | '=~' | '!~'
  | '*' | '/' | '%' | '+' | '-' | '<<' | '>>'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

export interface BinaryExpression extends NodeBase {
  type: 'Binary';
  operator: BinaryOperator;
  /** Offsets of the operator token. */
  operatorStart: number;
  left: Expression;
  right: Expression;
}

/** `-x`, `!x`, and splat `*x` (unfold). */
export interface UnaryExpression extends NodeBase {
  type: 'Unary';
  operator: '-' | '!' | '*';
  operand: Expression;
}

export interface AssignmentExpression extends NodeBase {
  type: 'Assignment';
  operator: '=' | '+=' | '-=';
  operatorStart: number;
  target: Expression;
  value: Expression;
}

export interface RelationshipExpression extends NodeBase {
  type: 'Relationship';
  operator: '->' | '~>' | '<-' | '<~';
  operatorStart: number;
  left: Expression;
  right: Expression;
}

export interface Parenthesized extends NodeBase {
  type: 'Parenthesized';
  expression: Expression;
}

/** `target[keys]`: also type parameters, `Array[String[1]]`. */
export interface AccessExpression extends NodeBase {
  type: 'Access';
  target: Expression;
  keys: Expression[];
}

export interface SelectorEntry extends NodeBase {
  type: 'SelectorEntry';
  match: Expression;
  value: Expression;
}

export interface SelectorExpression extends NodeBase {
  type: 'Selector';
  subject: Expression;
  entries: SelectorEntry[];
}

// ---- calls ----

export interface Lambda extends NodeBase {
  type: 'Lambda';
  parameters: Parameter[];
  returnType?: Expression;
  body: Block;
}

/** `notice('x')`, `notice 'x'` (no parentheses: only statement functions), `Integer($x)`. */
export interface CallExpression extends NodeBase {
  type: 'Call';
  /** A Name for ordinary functions; a TypeReference or other expression for type calls. */
  callee: Expression;
  args: Expression[];
  lambda?: Lambda;
  parens: boolean;
}

/** `$x.each |$v| { }`, `$x.map() ...`, `$h.keys`. */
export interface MethodCall extends NodeBase {
  type: 'MethodCall';
  receiver: Expression;
  method: Identifier;
  args: Expression[];
  lambda?: Lambda;
  parens: boolean;
}

// ---- catalog expressions ----

/** An attribute name, class name, function name...: a word at a fixed place. */
export interface Identifier extends NodeBase {
  type: 'Identifier';
  value: string;
}

export interface AttributeOperation extends NodeBase {
  type: 'Attribute';
  name: Identifier;
  operator: '=>' | '+>';
  value: Expression;
}

/** `* => $hash`: attributes from a hash. */
export interface AttributesSplat extends NodeBase {
  type: 'AttributesSplat';
  value: Expression;
}

export type AttributeEntry = AttributeOperation | AttributesSplat;

export interface ResourceBody extends NodeBase {
  type: 'ResourceBody';
  title: Expression;
  attributes: AttributeEntry[];
}

/** `file { '/x': ... }`, `@user { ... }`, `@@sshkey { ... }`, `class { 'apache': }`. */
export interface ResourceExpression extends NodeBase {
  type: 'Resource';
  form: 'regular' | 'virtual' | 'exported';
  /** Usually a Name ('file', 'apache::vhost', 'class'); Puppet also allows other expressions. */
  typeName: Expression;
  bodies: ResourceBody[];
}

/** `File { mode => '0644' }`. */
export interface ResourceDefaults extends NodeBase {
  type: 'ResourceDefaults';
  /** Set when written with `@` or `@@`, which Puppet rejects for defaults. */
  form?: 'virtual' | 'exported';
  typeRef: Expression;
  attributes: AttributeEntry[];
}

/** `File['/x'] { mode => '0600' }`. */
export interface ResourceOverride extends NodeBase {
  type: 'ResourceOverride';
  /** Set when written with `@` or `@@`, which Puppet rejects for overrides. */
  form?: 'virtual' | 'exported';
  target: Expression;
  attributes: AttributeEntry[];
}

/** `User <| groups == 'admin' |>` (virtual) and `Sshkey <<| |>>` (exported), with optional `{ attributes }`. */
export interface Collector extends NodeBase {
  type: 'Collector';
  typeRef: Expression;
  exported: boolean;
  query?: Expression;
  attributes: AttributeEntry[];
}

// ---- control flow ----

export interface Block extends NodeBase {
  type: 'Block';
  statements: Expression[];
}

export interface IfExpression extends NodeBase {
  type: 'If';
  /** 'elsif' for an `elsif` branch, which Puppet models as an `if` in the else part. */
  keyword: 'if' | 'elsif';
  condition: Expression;
  then: Block;
  else?: Block | IfExpression;
}

export interface UnlessExpression extends NodeBase {
  type: 'Unless';
  condition: Expression;
  then: Block;
  else?: Block;
}

export interface CaseOption extends NodeBase {
  type: 'CaseOption';
  values: Expression[];
  body: Block;
}

export interface CaseExpression extends NodeBase {
  type: 'Case';
  subject: Expression;
  options: CaseOption[];
}

// ---- definitions ----

export interface Parameter extends NodeBase {
  type: 'Parameter';
  /** Without `$`. */
  name: string;
  /** The `$name` variable. */
  nameStart: number;
  nameEnd: number;
  typeExpr?: Expression;
  defaultValue?: Expression;
  /** `*$rest`: captures the remaining arguments. */
  captureRest: boolean;
}

export interface ClassDefinition extends NodeBase {
  type: 'Class';
  name: Identifier;
  parameters: Parameter[];
  /** `inherits` parent (a name, or `default`). */
  parent?: Identifier;
  body: Block;
}

export interface DefineDefinition extends NodeBase {
  type: 'Define';
  name: Identifier;
  parameters: Parameter[];
  body: Block;
}

export interface NodeDefinition extends NodeBase {
  type: 'Node';
  /** Strings, dotted names (as String with quote 'bare'), regexes, or `default`. */
  matches: Expression[];
  parent?: Expression;
  body: Block;
}

export interface FunctionDefinition extends NodeBase {
  type: 'Function';
  name: Identifier;
  parameters: Parameter[];
  returnType?: Expression;
  body: Block;
}

/** `type Foo = Variant[...]`. */
export interface TypeAlias extends NodeBase {
  type: 'TypeAlias';
  /** The TypeReference (or Access, which Puppet rejects later). */
  name: Expression;
  value: Expression;
}

/** `type Foo inherits Bar { ... }` (experimental in Puppet). */
export interface TypeDefinition extends NodeBase {
  type: 'TypeDefinition';
  name: Identifier;
  parent?: Identifier;
  body: Block;
}

/** Stands in for a missing or unparseable expression after a syntax error. */
export interface ErrorExpression extends NodeBase {
  type: 'Error';
}

export type Expression =
  | Name
  | TypeReference
  | Variable
  | StringLiteral
  | InterpolatedString
  | Heredoc
  | NumberLiteral
  | BooleanLiteral
  | UndefLiteral
  | DefaultLiteral
  | RegexLiteral
  | ReservedWord
  | ArrayLiteral
  | HashLiteral
  | BinaryExpression
  | UnaryExpression
  | AssignmentExpression
  | RelationshipExpression
  | Parenthesized
  | AccessExpression
  | SelectorExpression
  | CallExpression
  | MethodCall
  | ResourceExpression
  | ResourceDefaults
  | ResourceOverride
  | Collector
  | IfExpression
  | UnlessExpression
  | CaseExpression
  | ClassDefinition
  | DefineDefinition
  | NodeDefinition
  | FunctionDefinition
  | TypeAlias
  | TypeDefinition
  | ErrorExpression;

export interface Program extends NodeBase {
  type: 'Program';
  body: Expression[];
}

export type Node =
  | Program
  | Expression
  | Block
  | Lambda
  | Parameter
  | Identifier
  | HashEntry
  | SelectorEntry
  | TextSegment
  | Interpolation
  | AttributeOperation
  | AttributesSplat
  | ResourceBody
  | CaseOption;

// Module-level rather than closures inside forEachChild, which runs for every node of every walk.
function eachChild(nodes: readonly Node[], visit: (child: Node) => void): void {
  for (const n of nodes) visit(n);
}

function optionalChild(n: Node | undefined, visit: (child: Node) => void): void {
  if (n) visit(n);
}

/** Calls `visit` on each direct child of `node`, in source order. */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  switch (node.type) {
    case 'Program':
      return eachChild(node.body, visit);
    case 'Block':
      return eachChild(node.statements, visit);
    case 'InterpolatedString':
      return eachChild(node.parts, visit);
    case 'Interpolation':
      return visit(node.expression);
    case 'Heredoc':
      return visit(node.text);
    case 'Array':
      return eachChild(node.elements, visit);
    case 'Hash':
      return eachChild(node.entries, visit);
    case 'HashEntry':
      visit(node.key);
      return visit(node.value);
    case 'Binary':
    case 'Relationship':
      visit(node.left);
      return visit(node.right);
    case 'Unary':
      return visit(node.operand);
    case 'Assignment':
      visit(node.target);
      return visit(node.value);
    case 'Parenthesized':
      return visit(node.expression);
    case 'Access':
      visit(node.target);
      return eachChild(node.keys, visit);
    case 'Selector':
      visit(node.subject);
      return eachChild(node.entries, visit);
    case 'SelectorEntry':
      visit(node.match);
      return visit(node.value);
    case 'Lambda':
      eachChild(node.parameters, visit);
      optionalChild(node.returnType, visit);
      return visit(node.body);
    case 'Call':
      visit(node.callee);
      eachChild(node.args, visit);
      return optionalChild(node.lambda, visit);
    case 'MethodCall':
      visit(node.receiver);
      visit(node.method);
      eachChild(node.args, visit);
      return optionalChild(node.lambda, visit);
    case 'Attribute':
      visit(node.name);
      return visit(node.value);
    case 'AttributesSplat':
      return visit(node.value);
    case 'ResourceBody':
      visit(node.title);
      return eachChild(node.attributes, visit);
    case 'Resource':
      visit(node.typeName);
      return eachChild(node.bodies, visit);
    case 'ResourceDefaults':
      visit(node.typeRef);
      return eachChild(node.attributes, visit);
    case 'ResourceOverride':
      visit(node.target);
      return eachChild(node.attributes, visit);
    case 'Collector':
      visit(node.typeRef);
      optionalChild(node.query, visit);
      return eachChild(node.attributes, visit);
    case 'If':
    case 'Unless':
      visit(node.condition);
      visit(node.then);
      return optionalChild(node.else, visit);
    case 'Case':
      visit(node.subject);
      return eachChild(node.options, visit);
    case 'CaseOption':
      eachChild(node.values, visit);
      return visit(node.body);
    case 'Parameter':
      optionalChild(node.typeExpr, visit);
      return optionalChild(node.defaultValue, visit);
    case 'Class':
      visit(node.name);
      eachChild(node.parameters, visit);
      optionalChild(node.parent, visit);
      return visit(node.body);
    case 'Define':
      visit(node.name);
      eachChild(node.parameters, visit);
      return visit(node.body);
    case 'Node':
      eachChild(node.matches, visit);
      optionalChild(node.parent, visit);
      return visit(node.body);
    case 'Function':
      visit(node.name);
      eachChild(node.parameters, visit);
      optionalChild(node.returnType, visit);
      return visit(node.body);
    case 'TypeAlias':
      visit(node.name);
      return visit(node.value);
    case 'TypeDefinition':
      visit(node.name);
      optionalChild(node.parent, visit);
      return visit(node.body);
    default:
      // Leaves: names, literals, variables, text, errors.
      return;
  }
}

/** Calls `visit` on `node` and every node below it, parents before children. Return false from `visit` to skip a node's children. */
export function walk(node: Node, visit: (node: Node) => boolean | void): void {
  // One closure for the whole walk, not one per node.
  const step = (n: Node): void => {
    if (visit(n) !== false) forEachChild(n, step);
  };
  step(node);
}

/** A program's nodes in walk order (parents before children), each with its parent. */
export interface NodeIndex {
  readonly nodes: readonly Node[];
  /** `parents[i]` is the position in `nodes` of the parent of `nodes[i]`; -1 for the program. */
  readonly parents: readonly number[];
}

/**
 * Walks the program once, for passes that each look at every node (the checker's and the style
 * checks'): going through an array costs them less than a walk each.
 */
export function indexNodes(program: Program): NodeIndex {
  const nodes: Node[] = [];
  const parents: number[] = [];
  let parent = -1;
  const add = (node: Node): void => {
    const position = nodes.length;
    nodes.push(node);
    parents.push(parent);
    parent = position;
    forEachChild(node, add);
    parent = parents[position];
  };
  add(program);
  return { nodes, parents };
}

/** The ancestors of `nodes[position]`, the program first. */
export function ancestorsAt(index: NodeIndex, position: number): Node[] {
  const ancestors: Node[] = [];
  for (let p = index.parents[position]; p >= 0; p = index.parents[p]) ancestors.push(index.nodes[p]);
  return ancestors.reverse();
}
