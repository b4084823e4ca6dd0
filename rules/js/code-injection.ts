import ts from "../../server/src/engine/js/typescript";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { argsOf, calleeName, calleePath, edit, isConstant, isMemberAccess, memberPath, staticString, unwrap } from "./tree";

const GLOBALS = /^(window|globalThis|self|global)\./;
const VM_CALLS = new Set(["runInNewContext", "runInThisContext", "runInContext", "compileFunction"]);
const TIMERS = new Set(["setTimeout", "setInterval"]);
/** Every callee name this rule can report: a cheap first test for each call. */
const CODE_RUNNERS = new Set(["eval", "Function", "Script", ...VM_CALLS, ...TIMERS]);

/** What ESTree calls a `Literal`: a template literal is not one, so `eval(\`...\`)` is reported. */
const PLAIN_LITERALS = new Set([
  ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.BigIntLiteral, ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword,
]);

function withoutParentheses(node: ts.Node): ts.Node {
  let n = node;
  while (ts.isParenthesizedExpression(n)) n = n.expression;
  return n;
}

function isPlus(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken;
}

/** A string built at run time: a template with expressions, or `+` with a string part. */
function isBuiltString(node: ts.Node): boolean {
  const n = unwrap(node);
  if (ts.isTemplateExpression(n)) return true;
  if (!isPlus(n) || isConstant(n)) return false;
  return [n.left, n.right].some((p) => staticString(p) !== undefined || isBuiltString(p));
}

/** Which code-running call this is and the argument holding the code, when that code is not fixed. */
export function dynamicCode(call: ts.CallExpression | ts.NewExpression): { what: string; code: ts.Expression } | undefined {
  const name = calleeName(call);
  if (name === undefined || !CODE_RUNNERS.has(name)) return undefined;
  const args = argsOf(call);
  const first = args[0];
  if (!first) return undefined;
  const callee = unwrap(call.expression);
  // Same test as eslint-plugin-security's detect-eval-with-expression (anything but a plain literal), which this rule replaces.
  if (ts.isCallExpression(call) && ts.isIdentifier(callee) && callee.text === "eval") {
    return PLAIN_LITERALS.has(withoutParentheses(first).kind) ? undefined : { what: "eval", code: first };
  }
  const path = calleePath(call)?.replace(GLOBALS, "");
  if (path === "eval") return isConstant(first) ? undefined : { what: "eval", code: first };
  if (path === "Function") {
    const code = args.find((a) => !isConstant(a));
    return code ? { what: "Function", code } : undefined;
  }
  const owner = isMemberAccess(callee) ? memberPath(callee.expression) : undefined;
  const fromVm = owner === "vm" || owner?.endsWith(".vm") || ts.isIdentifier(callee);
  if (fromVm && (VM_CALLS.has(name) || (name === "Script" && ts.isNewExpression(call) && owner !== undefined))) {
    return isConstant(first) ? undefined : { what: `vm.${name}`, code: first };
  }
  if (path && TIMERS.has(path) && isBuiltString(first)) return { what: path, code: first };
  return undefined;
}

/** `eval("(" + text + ")")`, the old way to parse JSON: the text inside. */
function jsonText(code: ts.Node): ts.Node | undefined {
  const n = unwrap(code);
  if (!isPlus(n) || staticString(n.right) !== ")") return undefined;
  const left = unwrap(n.left);
  return isPlus(left) && staticString(left.left) === "(" ? withoutParentheses(left.right) : undefined;
}

export default defineRule({
  id: "js/code-injection",
  engine: "native",
  title: "Code built at run time is executed",
  description: "eval, Function, vm and string timers run code assembled from values that may come from an attacker.",
  severity: "medium",
  confidence: "low",
  cwe: ["CWE-95", "CWE-94"],
  owasp: ["A03"],
  languages: JS_LANGUAGES,
  triggers: ["eval", "Function", "runIn", "Script", "setTimeout", "setInterval"],
  messages: {
    dynamic: "{{what}} runs code built at run time; if any part comes from a user, they can run their own code here.",
    evalExpression: "eval of an expression: the code is fixed today, but eval runs whatever this expression becomes; avoid eval.",
    useJsonParse: "Parse it as JSON with JSON.parse",
  },
  create(context) {
    const check = (node: ts.CallExpression | ts.NewExpression) => {
      const found = dynamicCode(node);
      if (!found) return;
      const json = found.what === "eval" ? jsonText(found.code) : undefined;
      context.report({
        node,
        messageId: isConstant(found.code) ? "evalExpression" : "dynamic",
        data: { what: found.what },
        suggest: json ? [{ messageId: "useJsonParse", fix: edit.replace(context, node, `JSON.parse(${context.textOf(json)})`) }] : [],
      });
    };
    return { CallExpression: check, NewExpression: check };
  },
});
