// The subset of OData $filter that Microsoft Graph accepts on directory collections:
//   comparisons (eq, ne, gt, ge, lt, le), startswith(p, 'x'), endswith(p, 'x'),
//   p in ('a', 'b'), and / or / not, parentheses, and lambda any() on collections
//   (groupTypes/any(c:c eq 'Unified'), assignedLicenses/any(x:x/skuId eq guid)).
// Parsing yields a tree; `filterProperties` tells which properties a filter touches so
// each collection can refuse the ones Graph refuses.
import { unsupportedQuery } from '../errors.js';

export type FilterNode =
  | { kind: 'compare'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; path: string; value: unknown }
  | { kind: 'function'; name: 'startswith' | 'endswith'; path: string; value: string }
  | { kind: 'in'; path: string; values: unknown[] }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'any'; path: string; variable: string; predicate: FilterNode };

type Token = { type: 'word' | 'string' | 'punct'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw unsupportedQuery('Invalid filter clause: unterminated string literal.');
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i++;
          break;
        } else {
          value += text[i++];
        }
      }
      tokens.push({ type: 'string', text: value });
    } else if ('(),:'.includes(ch)) {
      tokens.push({ type: 'punct', text: ch });
      i++;
    } else {
      let word = '';
      while (
        i < text.length &&
        !/[\s(),']/.test(text[i] as string) &&
        !(text[i] === ':' && /^[a-zA-Z]+$/.test(word))
      ) {
        word += text[i++];
      }
      tokens.push({ type: 'word', text: word });
    }
  }
  return tokens;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.parseOr();
    if (this.position < this.tokens.length) this.fail(`unexpected '${this.tokens[this.position]?.text}'`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position++];
    if (!token) this.fail('unexpected end of expression');
    return token as Token;
  }

  private expect(text: string): void {
    const token = this.take();
    if (token.text !== text) this.fail(`expected '${text}' but found '${token.text}'`);
  }

  private fail(detail: string): never {
    throw unsupportedQuery(`Invalid filter clause: ${detail}.`);
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === text;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      this.take();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isWord('and')) {
      this.take();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isWord('not')) {
      this.take();
      return { kind: 'not', operand: this.parseUnary() };
    }
    if (this.peek()?.text === '(') {
      this.take();
      const inner = this.parseOr();
      this.expect(')');
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): FilterNode {
    const first = this.take();
    if (first.type !== 'word') this.fail(`expected a property but found '${first.text}'`);
    const name = first.text.toLowerCase();
    if ((name === 'startswith' || name === 'endswith') && this.peek()?.text === '(') {
      this.take();
      const path = this.take().text;
      this.expect(',');
      const value = this.take();
      if (value.type !== 'string') this.fail(`${name} needs a string literal`);
      this.expect(')');
      return { kind: 'function', name, path, value: value.text };
    }
    const path = first.text;
    const anyMatch = /^(.*)\/any$/i.exec(path);
    if (anyMatch && this.peek()?.text === '(') {
      this.take();
      const variable = this.take().text;
      this.expect(':');
      const predicate = this.parseOr();
      this.expect(')');
      return { kind: 'any', path: anyMatch[1] as string, variable, predicate };
    }
    const operator = this.take();
    const op = operator.text.toLowerCase();
    if (op === 'in') {
      this.expect('(');
      const values: unknown[] = [];
      while (this.peek()?.text !== ')') {
        values.push(this.literal(this.take()));
        if (this.peek()?.text === ',') this.take();
      }
      this.expect(')');
      return { kind: 'in', path, values };
    }
    if (!COMPARISONS.has(op)) this.fail(`unknown operator '${operator.text}'`);
    return { kind: 'compare', op: op as 'eq', path, value: this.literal(this.take()) };
  }

  private literal(token: Token): unknown {
    if (token.type === 'string') return token.text;
    if (token.type !== 'word') this.fail(`unexpected '${token.text}'`);
    const text = token.text;
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === 'null') return null;
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    // Unquoted GUIDs and DateTimeOffset values are literals of their own in OData.
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text))
      return text.toLowerCase();
    if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text))
      return { dateTime: Date.parse(text) };
    this.fail(`'${text}' is not a literal`);
  }
}

export function parseFilter(text: string): FilterNode {
  return new Parser(tokenize(text)).parse();
}

/** Property paths a filter reads, for checking them against what a collection supports. */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    case 'any':
      return [node.path];
    default:
      return [node.path];
  }
}

function resolvePath(object: unknown, path: string): unknown {
  let value = object;
  for (const part of path.split('/')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function comparable(value: unknown): unknown {
  if (value && typeof value === 'object' && 'dateTime' in value)
    return (value as { dateTime: number }).dateTime;
  return value;
}

function compareValues(actual: unknown, op: string, expected: unknown): boolean {
  let left = actual;
  const right = comparable(expected);
  if (typeof right === 'number' && typeof left === 'string' && typeof expected === 'object') {
    left = Date.parse(left);
  }
  if (typeof left === 'string' && typeof right === 'string') {
    // Directory string comparisons are case-insensitive.
    const a = left.toLowerCase();
    const b = right.toLowerCase();
    if (op === 'eq') return a === b;
    if (op === 'ne') return a !== b;
    left = a;
    return op === 'gt' ? a > b : op === 'ge' ? a >= b : op === 'lt' ? a < b : a <= b;
  }
  switch (op) {
    case 'eq':
      return (left ?? null) === right;
    case 'ne':
      return (left ?? null) !== right;
    case 'gt':
      return (left as number) > (right as number);
    case 'ge':
      return (left as number) >= (right as number);
    case 'lt':
      return (left as number) < (right as number);
    default:
      return (left as number) <= (right as number);
  }
}

export function matchesFilter(
  object: unknown,
  node: FilterNode,
  scope: Record<string, unknown> = {},
): boolean {
  const read = (path: string) => {
    const [head, ...rest] = path.split('/');
    if (head !== undefined && head in scope) {
      return rest.length > 0 ? resolvePath(scope[head], rest.join('/')) : scope[head];
    }
    return resolvePath(object, path);
  };
  switch (node.kind) {
    case 'and':
      return matchesFilter(object, node.left, scope) && matchesFilter(object, node.right, scope);
    case 'or':
      return matchesFilter(object, node.left, scope) || matchesFilter(object, node.right, scope);
    case 'not':
      return !matchesFilter(object, node.operand, scope);
    case 'compare':
      return compareValues(read(node.path), node.op, node.value);
    case 'in': {
      const actual = read(node.path);
      return node.values.some((value) => compareValues(actual, 'eq', value));
    }
    case 'function': {
      const actual = read(node.path);
      if (typeof actual !== 'string') return false;
      const a = actual.toLowerCase();
      const b = node.value.toLowerCase();
      return node.name === 'startswith' ? a.startsWith(b) : a.endsWith(b);
    }
    case 'any': {
      const items = read(node.path);
      if (!Array.isArray(items)) return false;
      return items.some((item) => matchesFilter(object, node.predicate, { ...scope, [node.variable]: item }));
    }
  }
}
