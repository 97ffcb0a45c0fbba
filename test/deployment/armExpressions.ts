// A small evaluator for the ARM template expression language, enough for azuredeploy.json: it
// turns the template into concrete values for given parameters, so tests can check what Azure
// would get (app settings, names, references) without Azure. Any function, parameter, variable or
// referenced property it does not know is an error, so a typo in the template fails a test.
import { createHash } from 'node:crypto';

export type ArmValue = string | number | boolean | null | ArmValue[] | { [key: string]: ArmValue };

export interface ArmTemplate {
  parameters?: Record<string, { type: string; defaultValue?: ArmValue; allowedValues?: ArmValue[] }>;
  variables?: Record<string, ArmValue>;
  resources: ArmResource[];
  outputs?: Record<string, { type: string; value: ArmValue }>;
  [key: string]: unknown;
}

export interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  condition?: ArmValue;
  dependsOn?: string[];
  properties?: ArmValue;
  [key: string]: unknown;
}

/** What `reference(id).x` gives, per resource type: realistic values so the config schema can parse them. */
const REFERENCE_PROPERTIES: Record<string, Record<string, string>> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': {
    clientId: '0d3a6f0e-1b2c-4d5e-8f90-123456789abc',
    principalId: '7e6d5c4b-3a29-4817-9605-a4b3c2d1e0f9',
  },
  'Microsoft.DocumentDB/databaseAccounts': { documentEndpoint: 'https://account.documents.azure.com:443/' },
  'Microsoft.Insights/components': {
    ConnectionString:
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/',
  },
};

export const TEST_TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const TEST_RESOURCE_GROUP = { id: '/subscriptions/sub/resourceGroups/rg', name: 'rg', location: 'uksouth' };

/** A resourceId() or reference() call met while evaluating. */
export interface ResourceRef {
  type: string;
  /** The name segments, joined with '/': the same form as a resource's own name. */
  name: string;
  via: 'resourceId' | 'reference';
  apiVersion?: string;
}

/** The value `resourceId()` returns here: type and name, so it can be matched to a declared resource. */
export function resourceIdOf(type: string, name: string): string {
  return `${type}|${name}`;
}

function parseResourceId(id: string): { type: string; name: string } {
  const [type, name, ...rest] = id.split('|');
  if (!type || !name || rest.length > 0) throw new Error(`Not a resource id from resourceId(): ${id}`);
  return { type, name };
}

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; value: string }
  | { kind: 'punct'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error(`Unterminated string in ${text}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value });
    } else if (/[0-9-]/.test(c)) {
      const match = /^-?\d+/.exec(text.slice(i));
      if (!match) throw new Error(`Bad number in ${text}`);
      tokens.push({ kind: 'number', value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][\w]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'ident', value: match[0] });
      i += match[0].length;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i += 1;
    } else {
      throw new Error(`Unexpected '${c}' in ${text}`);
    }
  }
  return tokens;
}

type Node =
  | { kind: 'literal'; value: ArmValue }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'property'; target: Node; name: string }
  | { kind: 'index'; target: Node; index: Node };

function parse(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const expect = (value: string) => {
    const token = tokens[at];
    if (token?.kind !== 'punct' || token.value !== value) throw new Error(`Expected '${value}' in ${text}`);
    at += 1;
  };
  const primary = (): Node => {
    const token = tokens[at];
    if (!token) throw new Error(`Unexpected end of ${text}`);
    at += 1;
    let node: Node;
    if (token.kind === 'string' || token.kind === 'number') node = { kind: 'literal', value: token.value };
    else if (token.kind === 'ident') {
      expect('(');
      const args: Node[] = [];
      if (!(peek()?.kind === 'punct' && peek()?.value === ')')) {
        for (;;) {
          args.push(primary());
          const next = peek();
          if (next?.kind === 'punct' && next.value === ',') {
            at += 1;
            continue;
          }
          break;
        }
      }
      expect(')');
      node = { kind: 'call', name: token.value, args };
    } else throw new Error(`Unexpected '${token.value}' in ${text}`);
    for (;;) {
      const next = peek();
      if (next?.kind === 'punct' && next.value === '.') {
        at += 1;
        const name = tokens[at];
        if (name?.kind !== 'ident') throw new Error(`Expected a property name in ${text}`);
        at += 1;
        node = { kind: 'property', target: node, name: name.value };
      } else if (next?.kind === 'punct' && next.value === '[') {
        at += 1;
        const index = primary();
        expect(']');
        node = { kind: 'index', target: node, index };
      } else break;
    }
    return node;
  };
  const node = primary();
  if (at !== tokens.length) throw new Error(`Trailing text in ${text}`);
  return node;
}

/** Whether a JSON string is an ARM expression ("[...]", but not the "[[" escape). */
export function isExpression(value: string): boolean {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

interface ReferenceStub {
  __reference: { type: string; name: string };
}

function isReferenceStub(value: unknown): value is ReferenceStub {
  return typeof value === 'object' && value !== null && '__reference' in value;
}

function hash(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class ArmEvaluator {
  readonly refs: ResourceRef[] = [];
  private readonly variableCache = new Map<string, ArmValue>();

  constructor(
    private readonly template: ArmTemplate,
    private readonly parameterValues: Record<string, ArmValue>,
  ) {}

  /** Parameter values: those given, else the template's defaults (themselves expressions). */
  parameter(name: string): ArmValue {
    const declared = this.template.parameters?.[name];
    if (!declared) throw new Error(`parameters('${name}') is not declared`);
    if (name in this.parameterValues) return this.parameterValues[name] as ArmValue;
    if (declared.defaultValue === undefined) throw new Error(`parameter ${name} has no value and no default`);
    return this.evaluate(declared.defaultValue);
  }

  variable(name: string): ArmValue {
    if (this.variableCache.has(name)) return this.variableCache.get(name) as ArmValue;
    const declared = this.template.variables?.[name];
    if (declared === undefined) throw new Error(`variables('${name}') is not declared`);
    const value = this.evaluate(declared);
    this.variableCache.set(name, value);
    return value;
  }

  /** Evaluates a JSON value: strings that are expressions, and everything inside arrays and objects (keys too). */
  evaluate(value: ArmValue | undefined): ArmValue {
    if (value === undefined) return null;
    if (typeof value === 'string') {
      if (!isExpression(value)) return value.startsWith('[[') ? value.slice(1) : value;
      return this.run(parse(value.slice(1, -1)));
    }
    if (Array.isArray(value)) return value.map((each) => this.evaluate(each));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, ArmValue> = {};
      for (const [key, inner] of Object.entries(value)) out[String(this.evaluate(key))] = this.evaluate(inner);
      return out;
    }
    return value;
  }

  private run(node: Node): ArmValue {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'property': {
        const target = this.run(node.target) as unknown;
        if (isReferenceStub(target)) {
          const known = REFERENCE_PROPERTIES[target.__reference.type];
          const value = known?.[node.name];
          if (value === undefined)
            throw new Error(
              `reference() of ${target.__reference.type} has no property '${node.name}' (known: ${Object.keys(known ?? {}).join(', ')})`,
            );
          return value;
        }
        if (target === null || typeof target !== 'object' || Array.isArray(target))
          throw new Error(`Cannot read .${node.name} of ${JSON.stringify(target)}`);
        const value = (target as Record<string, ArmValue>)[node.name];
        if (value === undefined) throw new Error(`No property .${node.name}`);
        return value;
      }
      case 'index': {
        const target = this.run(node.target);
        const index = this.run(node.index);
        const value = Array.isArray(target)
          ? target[Number(index)]
          : (target as Record<string, ArmValue>)[String(index)];
        if (value === undefined) throw new Error(`No item [${String(index)}]`);
        return value;
      }
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private call(name: string, argNodes: Node[]): ArmValue {
    // if() evaluates only the branch it takes, as ARM does.
    if (name === 'if') {
      const [condition, whenTrue, whenFalse] = argNodes;
      if (!condition || !whenTrue || !whenFalse) throw new Error('if() takes three arguments');
      return this.run(condition) === true ? this.run(whenTrue) : this.run(whenFalse);
    }
    const args = argNodes.map((arg) => this.run(arg));
    const str = (index: number) => {
      const value = args[index];
      if (typeof value !== 'string')
        throw new Error(`${name}() argument ${index + 1} must be a string, got ${JSON.stringify(value)}`);
      return value;
    };
    switch (name) {
      case 'parameters':
        return this.parameter(str(0));
      case 'variables':
        return this.variable(str(0));
      case 'format':
        return str(0).replace(/\{(\d+)\}/g, (_m, i: string) => {
          const value = args[Number(i) + 1];
          if (value === undefined) throw new Error(`format() has no argument {${i}}`);
          return String(value);
        });
      case 'concat':
        if (args.every(Array.isArray)) return (args as ArmValue[][]).flat(1);
        return args.map((arg) => String(arg)).join('');
      case 'toLower':
        return str(0).toLowerCase();
      case 'equals':
        return JSON.stringify(args[0]) === JSON.stringify(args[1]);
      case 'not':
        return args[0] !== true;
      case 'and':
        return args.every((arg) => arg === true);
      case 'or':
        return args.some((arg) => arg === true);
      case 'empty': {
        const value = args[0];
        if (value === null || value === '') return true;
        if (Array.isArray(value)) return value.length === 0;
        if (typeof value === 'object') return Object.keys(value).length === 0;
        return false;
      }
      case 'createArray':
        return args;
      case 'createObject': {
        if (args.length % 2 !== 0) throw new Error('createObject() takes pairs');
        const out: Record<string, ArmValue> = {};
        for (let i = 0; i < args.length; i += 2) out[str(i)] = args[i + 1] as ArmValue;
        return out;
      }
      case 'null':
        return null;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'uniqueString':
        return hash('uniqueString', args).slice(0, 13);
      case 'guid': {
        const h = hash('guid', args);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      }
      case 'resourceGroup':
        return TEST_RESOURCE_GROUP;
      case 'subscription':
        return { id: '/subscriptions/sub', subscriptionId: 'sub', tenantId: TEST_TENANT_ID };
      case 'resourceId': {
        const type = str(0);
        const segments = args.slice(1).map((arg) => String(arg));
        const ref: ResourceRef = { type, name: segments.join('/'), via: 'resourceId' };
        this.refs.push(ref);
        return resourceIdOf(ref.type, ref.name);
      }
      case 'reference': {
        const { type, name: resourceName } = parseResourceId(str(0));
        const ref: ResourceRef = {
          type,
          name: resourceName,
          via: 'reference',
          ...(typeof args[1] === 'string' ? { apiVersion: args[1] } : {}),
        };
        this.refs.push(ref);
        return { __reference: { type, name: resourceName } } as unknown as ArmValue;
      }
      default:
        throw new Error(`Unknown template function ${name}()`);
    }
  }
}
