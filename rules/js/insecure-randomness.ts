import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { bindingName, calleeName, calleePath, enclosingFunction, functionName, parentOf, propertyName, referenceName, type Node } from "./ast";
import { isHarmlessRandomName, isUnguessableName } from "./names";

/** Calls whose result is still (a function of) the random value: rounding, conversion, indexing. */
const PRESERVING = new Set([
  "floor", "round", "ceil", "trunc", "abs", "min", "max", "String", "Number", "parseInt", "parseFloat", "charAt",
  "fromCharCode", "toString", "toFixed", "padStart", "padEnd", "slice", "substr", "substring", "toUpperCase",
  "toLowerCase", "replace", "join", "concat", "from", "fill", "map", "repeat",
]);
/** Methods that add the value to their receiver, so the receiver's name is where it goes. */
const COLLECTING = new Set(["push", "unshift", "append", "add", "set"]);
const PASS_THROUGH = new Set([
  "BinaryExpression", "UnaryExpression", "TemplateLiteral", "ConditionalExpression", "LogicalExpression",
  "ArrayExpression", "AwaitExpression", "ChainExpression", "TSAsExpression", "TSNonNullExpression", "SpreadElement",
]);

export function isMathRandom(call: ESTree.CallExpression): boolean {
  return calleePath(call) === "Math.random" && call.arguments.length === 0;
}

/** Where a random value ends up: a named binding, a call, or the enclosing function's result. */
export interface RandomSink {
  kind: "binding" | "call" | "return" | "none";
  name?: string;
  /** The outermost expression still carrying the value. */
  value: Node;
}

export function randomSink(random: Node): RandomSink {
  let n = random;
  for (let p = parentOf(n); p; n = p, p = parentOf(n)) {
    if (PASS_THROUGH.has(p.type)) continue;
    if (p.type === "MemberExpression" && (p.object === n || p.property === n)) continue;
    if (p.type === "CallExpression") {
      if (p.callee === n) continue;
      const name = calleeName(p);
      if (name && PRESERVING.has(name)) continue;
      if (name && COLLECTING.has(name) && p.callee.type === "MemberExpression") {
        return { kind: "binding", name: referenceName(p.callee.object as Node), value: n };
      }
      return { kind: "call", name, value: n };
    }
    if (p.type === "ReturnStatement" || (p.type === "ArrowFunctionExpression" && p.body === n)) return { kind: "return", value: n };
    const name = bindingName(n);
    return name !== undefined ? { kind: "binding", name, value: n } : { kind: "none", value: n };
  }
  return { kind: "none", value: n };
}

/** The name that shows the value must be unguessable, or undefined when nothing says so. */
export function secretPurpose(random: Node, sink: RandomSink): string | undefined {
  if (sink.name !== undefined) {
    if (isUnguessableName(sink.name)) return sink.name;
    if (sink.kind === "call" || isHarmlessRandomName(sink.name)) return undefined;
  }
  if (sink.kind === "none" && sink.value === random) return undefined;
  // Anonymous callbacks (`Array.from(bytes, (b) => ...)`) hand their value to the function around them.
  let fnName: string | undefined;
  for (let fn = enclosingFunction(random); fn && fnName === undefined; fn = enclosingFunction(fn)) fnName = functionName(fn);
  return isUnguessableName(fnName) ? fnName : undefined;
}

/** `Math.random().toString(36).slice(2)`: the whole chain, when the value is a random string. */
function randomStringChain(random: ESTree.CallExpression): Node | undefined {
  let n: Node = random;
  let sawToString = false;
  for (;;) {
    const member = parentOf(n);
    const call = member && parentOf(member);
    if (member?.type !== "MemberExpression" || call?.type !== "CallExpression" || call.callee !== member) break;
    const method = propertyName(member);
    if (method === "toString") sawToString = true;
    else if (!sawToString || !["slice", "substr", "substring"].includes(method ?? "")) break;
    n = call;
  }
  return sawToString ? n : undefined;
}

/** `Math.floor(Math.random() * N)`: the floor call and N. */
function randomIntegerBelow(random: ESTree.CallExpression): { floor: Node; bound: Node } | undefined {
  const product = parentOf(random);
  const floor = product && parentOf(product);
  if (product?.type !== "BinaryExpression" || product.operator !== "*" || product.left !== random) return undefined;
  if (floor?.type !== "CallExpression" || calleePath(floor) !== "Math.floor" || floor.arguments.length !== 1) return undefined;
  return { floor, bound: product.right };
}

export default defineRule({
  id: "js/insecure-randomness",
  engine: "eslint",
  title: "Predictable random value used as a secret",
  description: "Math.random() used for a token, password, nonce, salt, key or session id produces values an attacker can predict.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-338"],
  owasp: ["A02"],
  languages: JS_LANGUAGES,
  messages: {
    predictable:
      "Math.random() is not cryptographically secure, and its value is used for `{{name}}`; use crypto.randomBytes, crypto.randomUUID or crypto.randomInt.",
    useUuid: "Use crypto.randomUUID()",
    useRandomInt: "Use crypto.randomInt({{bound}}) (Node's crypto module)",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    const source = context.sourceCode;
    return {
      CallExpression(node: ESTree.CallExpression) {
        if (!isMathRandom(node)) return;
        const name = secretPurpose(node, randomSink(node));
        if (name === undefined) return;
        const suggest: Rule.SuggestionReportDescriptor[] = [];
        const chain = randomStringChain(node);
        const integer = randomIntegerBelow(node);
        if (chain) suggest.push({ messageId: "useUuid", fix: (f) => f.replaceText(chain, "crypto.randomUUID()") });
        else if (integer) {
          const bound = source.getText(integer.bound);
          suggest.push({ messageId: "useRandomInt", data: { bound }, fix: (f) => f.replaceText(integer.floor, `crypto.randomInt(${bound})`) });
        }
        context.report({ node, messageId: "predictable", data: { name }, suggest });
      },
    };
  },
});
