import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import type { NativeSuggestion } from "../../server/src/engine/js/native/api";
import { isAssignmentOperator } from "../../server/src/engine/js/native/scope";
import {
  bindingName, calleeName, calleePath, edit, enclosingFunction, functionName, isMemberAccess, outermost, parentOf, propertyName, referenceName, unwrap,
} from "./tree";
import { isHarmlessRandomName, isUnguessableName } from "./names";

/** Calls whose result is still (a function of) the random value: rounding, conversion, indexing. */
const PRESERVING = new Set([
  "floor", "round", "ceil", "trunc", "abs", "min", "max", "String", "Number", "parseInt", "parseFloat", "charAt",
  "fromCharCode", "toString", "toFixed", "padStart", "padEnd", "slice", "substr", "substring", "toUpperCase",
  "toLowerCase", "replace", "join", "concat", "from", "fill", "map", "repeat",
]);
/** Methods that add the value to their receiver, so the receiver's name is where it goes. */
const COLLECTING = new Set(["push", "unshift", "append", "add", "set"]);

/** Expressions whose value is still (a function of) the operand: arithmetic, templates, choices, arrays, spreads. */
function passesThrough(parent: ts.Node): boolean {
  switch (parent.kind) {
    case ts.SyntaxKind.BinaryExpression: {
      const op = (parent as ts.BinaryExpression).operatorToken.kind;
      return op !== ts.SyntaxKind.CommaToken && !isAssignmentOperator(op);
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.TemplateSpan:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.ConditionalExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.AwaitExpression:
    case ts.SyntaxKind.SpreadElement:
    case ts.SyntaxKind.SpreadAssignment:
      return true;
    default:
      return false;
  }
}

export function isMathRandom(call: ts.CallExpression): boolean {
  return call.arguments.length === 0 && calleeName(call) === "random" && calleePath(call) === "Math.random";
}

/** Where a random value ends up: a named binding, a call, or the enclosing function's result. */
export interface RandomSink {
  kind: "binding" | "call" | "return" | "none";
  name?: string;
  /** The outermost expression still carrying the value. */
  value: ts.Node;
}

export function randomSink(random: ts.Node): RandomSink {
  let n = random;
  for (let p = parentOf(n); p; n = p, p = parentOf(n)) {
    const at = outermost(n);
    if (passesThrough(p)) continue;
    if (isMemberAccess(p)) continue;
    if (ts.isCallExpression(p)) {
      if (p.expression === at) continue;
      const name = calleeName(p);
      if (name && PRESERVING.has(name)) continue;
      const callee = unwrap(p.expression);
      if (name && COLLECTING.has(name) && isMemberAccess(callee)) return { kind: "binding", name: referenceName(callee.expression), value: n };
      return { kind: "call", name, value: n };
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === at)) return { kind: "return", value: n };
    const name = bindingName(n);
    return name !== undefined ? { kind: "binding", name, value: n } : { kind: "none", value: n };
  }
  return { kind: "none", value: n };
}

/** The name that shows the value must be unguessable, or undefined when nothing says so. */
export function secretPurpose(random: ts.Node, sink: RandomSink): string | undefined {
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
function randomStringChain(random: ts.CallExpression): ts.Node | undefined {
  let n: ts.Node = random;
  let sawToString = false;
  for (;;) {
    const member = parentOf(n);
    const call = member && parentOf(member);
    if (!member || !isMemberAccess(member) || unwrap(member.expression) !== n) break;
    if (!call || !ts.isCallExpression(call) || call.expression !== outermost(member)) break;
    const method = propertyName(member);
    if (method === "toString") sawToString = true;
    else if (!sawToString || !["slice", "substr", "substring"].includes(method ?? "")) break;
    n = call;
  }
  return sawToString ? n : undefined;
}

/** `Math.floor(Math.random() * N)`: the floor call and N. */
function randomIntegerBelow(random: ts.CallExpression): { floor: ts.CallExpression; bound: ts.Expression } | undefined {
  const product = parentOf(random);
  const floor = product && parentOf(product);
  if (!product || !ts.isBinaryExpression(product) || product.operatorToken.kind !== ts.SyntaxKind.AsteriskToken || unwrap(product.left) !== random) return undefined;
  if (!floor || !ts.isCallExpression(floor) || calleePath(floor) !== "Math.floor" || floor.arguments.length !== 1) return undefined;
  return { floor, bound: product.right };
}

export default defineRule({
  id: "js/insecure-randomness",
  engine: "native",
  title: "Predictable random value used as a secret",
  description: "Math.random() used for a token, password, nonce, salt, key or session id produces values an attacker can predict.",
  severity: "medium",
  confidence: "medium",
  cwe: ["CWE-338"],
  owasp: ["A02"],
  languages: JS_LANGUAGES,
  triggers: ["random"],
  messages: {
    predictable:
      "Math.random() is not cryptographically secure, and its value is used for `{{name}}`; use crypto.randomBytes, crypto.randomUUID or crypto.randomInt.",
    useUuid: "Use crypto.randomUUID()",
    useRandomInt: "Use crypto.randomInt({{bound}}) (Node's crypto module)",
  },
  create(context) {
    return {
      CallExpression(node) {
        if (!isMathRandom(node)) return;
        const name = secretPurpose(node, randomSink(node));
        if (name === undefined) return;
        const suggest: NativeSuggestion[] = [];
        const chain = randomStringChain(node);
        const integer = randomIntegerBelow(node);
        if (chain) suggest.push({ messageId: "useUuid", fix: edit.replace(context, chain, "crypto.randomUUID()") });
        else if (integer) {
          const bound = context.textOf(integer.bound);
          suggest.push({ messageId: "useRandomInt", data: { bound }, fix: edit.replace(context, integer.floor, `crypto.randomInt(${bound})`) });
        }
        context.report({ node, messageId: "predictable", data: { name }, suggest });
      },
    };
  },
});
