import type { Rule } from "eslint";
import type * as ESTree from "estree";
import { defineRule } from "../../server/src/engine/rule";
import { JS_LANGUAGES } from "../../server/src/engine/language";
import { calleeName, calleePath, isConstant, memberPath, staticString, type Node } from "./ast";

const GLOBALS = /^(window|globalThis|self|global)\./;
const VM_CALLS = new Set(["runInNewContext", "runInThisContext", "runInContext", "compileFunction"]);
const TIMERS = new Set(["setTimeout", "setInterval"]);

/** A string built at run time: a template with expressions, or `+` with a string part. */
function isBuiltString(node: Node): boolean {
  if (node.type === "TemplateLiteral") return node.expressions.length > 0;
  if (node.type !== "BinaryExpression" || node.operator !== "+" || isConstant(node)) return false;
  const parts = [node.left as Node, node.right];
  return parts.some((p) => staticString(p) !== undefined || isBuiltString(p));
}

/** Which code-running call this is and the argument holding the code, when that code is not fixed. */
export function dynamicCode(call: ESTree.CallExpression | ESTree.NewExpression): { what: string; code: Node } | undefined {
  const path = calleePath(call)?.replace(GLOBALS, "");
  const name = calleeName(call);
  const args = call.arguments as Node[];
  const first = args[0];
  if (!first) return undefined;
  // Same test as eslint-plugin-security's detect-eval-with-expression (anything but a plain literal), which this rule replaces.
  if (call.type === "CallExpression" && call.callee.type === "Identifier" && call.callee.name === "eval") {
    return first.type !== "Literal" ? { what: "eval", code: first } : undefined;
  }
  if (path === "eval") return isConstant(first) ? undefined : { what: "eval", code: first };
  if (path === "Function") {
    const code = args.find((a) => a.type === "SpreadElement" || !isConstant(a));
    return code ? { what: "Function", code } : undefined;
  }
  const owner = call.callee.type === "MemberExpression" ? memberPath(call.callee.object as Node) : undefined;
  const fromVm = owner === "vm" || owner?.endsWith(".vm") || call.callee.type === "Identifier";
  if (name && fromVm && (VM_CALLS.has(name) || (name === "Script" && call.type === "NewExpression" && owner !== undefined))) {
    return isConstant(first) ? undefined : { what: `vm.${name}`, code: first };
  }
  if (path && TIMERS.has(path) && isBuiltString(first)) return { what: path, code: first };
  return undefined;
}

/** `eval("(" + text + ")")`, the old way to parse JSON: the text inside. */
function jsonText(code: Node): Node | undefined {
  if (code.type !== "BinaryExpression" || code.operator !== "+" || staticString(code.right) !== ")") return undefined;
  const left = code.left as Node;
  return left.type === "BinaryExpression" && left.operator === "+" && staticString(left.left as Node) === "(" ? left.right : undefined;
}

export default defineRule({
  id: "js/code-injection",
  engine: "eslint",
  title: "Code built at run time is executed",
  description: "eval, Function, vm and string timers run code assembled from values that may come from an attacker.",
  severity: "medium",
  confidence: "low",
  cwe: ["CWE-95", "CWE-94"],
  owasp: ["A03"],
  languages: JS_LANGUAGES,
  messages: {
    dynamic: "{{what}} runs code built at run time; if any part comes from a user, they can run their own code here.",
    evalExpression: "eval of an expression: the code is fixed today, but eval runs whatever this expression becomes; avoid eval.",
    useJsonParse: "Parse it as JSON with JSON.parse",
  },
  create(context: Rule.RuleContext): Rule.RuleListener {
    const check = (node: ESTree.CallExpression | ESTree.NewExpression) => {
      const found = dynamicCode(node);
      if (!found) return;
      const json = found.what === "eval" ? jsonText(found.code) : undefined;
      context.report({
        node,
        messageId: isConstant(found.code) ? "evalExpression" : "dynamic",
        data: { what: found.what },
        suggest: json ? [{ messageId: "useJsonParse", fix: (f) => f.replaceText(node, `JSON.parse(${context.sourceCode.getText(json)})`) }] : [],
      });
    };
    return { CallExpression: check, NewExpression: check };
  },
});
