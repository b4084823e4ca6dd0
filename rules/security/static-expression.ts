/**
 * Is an expression's value fixed when the code is written? eslint-plugin-security's answer, which
 * its non-literal checks share: literals; templates and binary expressions of static parts;
 * variables set once to a static value; `__dirname` and `__filename`; `path.join` and its kin
 * (and `path.sep`, `path.delimiter`) over static parts; `url.fileURLToPath`, `require.resolve`
 * and `process.cwd()` over static parts; `import.meta.url`, `.dirname`, `.filename`.
 * Identifiers are looked up by name from the node being checked, as the plugin does.
 */
import ts from "../../server/src/engine/js/typescript";
import type { NativeContext } from "../../server/src/engine/js/native/api";
import { esExpression, esOperand, isEsBinary } from "./es-view";
import { isEstreeCall as isEsCall, literalValue } from "./estree";
import { importAccessPath } from "./imports";
import { findVariable, isNeverReassigned } from "./variables";

const PATH_PACKAGES = ["path", "node:path", "path/posix", "node:path/posix"];
const URL_PACKAGES = ["url", "node:url"];
const PATH_BUILDERS = new Set(["basename", "dirname", "extname", "join", "normalize", "relative", "resolve", "toNamespacedPath"]);
const PATH_CONSTANTS = new Set(["delimiter", "sep"]);
const IMPORT_META_CONSTANTS = new Set(["url", "dirname", "filename"]);

/**
 * Answers per node, shared by every check and call site, as the plugin keeps them: the first
 * answer for a node stands even where a later call site would see other bindings. Kept per walk:
 * a tree parsed again incrementally shares nodes with its predecessor, not their answers.
 */
const ANSWERS = {};

/** True when `node`, an argument of the call or `new` at `at`, has a value fixed at write time. */
export function isStaticExpression(context: NativeContext, node: ts.Node | undefined, at: ts.Node): boolean {
  const tracked = new Set<ts.Node>();
  const answers = context.shared(ANSWERS, () => new Map<ts.Node, boolean>());

  const isStatic = (expression: ts.Node | undefined): boolean => {
    const n = esExpression(expression);
    if (!n) return false;
    let answer = answers.get(n);
    if (answer === undefined) {
      answer = decide(n);
      answers.set(n, answer);
    }
    return answer;
  };

  const decide = (n: ts.Node): boolean => {
    if (tracked.has(n)) return false;
    tracked.add(n);
    if (literalValue(n) || ts.isNoSubstitutionTemplateLiteral(n)) return true;
    if (ts.isTemplateExpression(n)) return n.templateSpans.every((span) => isStatic(span.expression));
    if (isEsBinary(n)) return isStatic(n.left) && isStatic(n.right);
    if (ts.isIdentifier(n)) {
      const variable = findVariable(context, n.text, at);
      if (!variable) return false;
      if (variable.defs.length === 0) {
        if (n.text === "__dirname" || n.text === "__filename") return true;
      } else if (variable.defs.length === 1) {
        const def = variable.defs[0]!;
        if (def.type === "Variable" && def.declarator.initializer && isNeverReassigned(variable)) return isStatic(def.declarator.initializer);
      }
    }
    return isStaticPath(n) || isStaticFileUrlToPath(n) || isImportMetaConstant(n) || isStaticGlobalCall(n, "require", "resolve") || isStaticGlobalCall(n, "process", "cwd");
  };

  const staticArguments = (call: ts.CallExpression) => call.arguments.length > 0 && call.arguments.every(isStatic);

  /** The method or constant of `path` (or `path.posix`) a node names. */
  const pathMember = (n: ts.Node | undefined): string | undefined => {
    const info = importAccessPath(context, n, at, PATH_PACKAGES);
    if (info?.path.length === 1) return info.path[0];
    if (info?.path.length === 2 && info.path[0] === "posix") return info.path[1];
    return undefined;
  };

  const isStaticPath = (n: ts.Node): boolean => {
    if (isEsCall(n)) {
      const name = pathMember(esOperand(n.expression));
      return name !== undefined && PATH_BUILDERS.has(name) && staticArguments(n);
    }
    const name = pathMember(n);
    return name !== undefined && PATH_CONSTANTS.has(name);
  };

  const isStaticFileUrlToPath = (n: ts.Node): boolean => {
    if (!isEsCall(n)) return false;
    const info = importAccessPath(context, esOperand(n.expression), at, URL_PACKAGES);
    return info?.path.length === 1 && info.path[0] === "fileURLToPath" && staticArguments(n);
  };

  /**
   * `require.resolve(...)` and `process.cwd()` on the globals themselves (not shadowed). With the
   * globals Vigil declares, `process` has no variable, so `process.cwd()` never counts as static.
   */
  const isStaticGlobalCall = (n: ts.Node, object: string, method: string): boolean => {
    if (!isEsCall(n)) return false;
    const callee = esOperand(n.expression);
    if (!callee || !ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name) || callee.name.text !== method) return false;
    const owner = esOperand(callee.expression);
    if (!owner || !ts.isIdentifier(owner) || owner.text !== object) return false;
    if (findVariable(context, object, at)?.defs.length !== 0) return false;
    return method === "cwd" || staticArguments(n);
  };

  return isStatic(node);
}

function isImportMetaConstant(n: ts.Node): boolean {
  if (!ts.isPropertyAccessExpression(n) || !ts.isIdentifier(n.name) || !IMPORT_META_CONSTANTS.has(n.name.text)) return false;
  const object = esOperand(n.expression);
  return !!object && ts.isMetaProperty(object) && object.keywordToken === ts.SyntaxKind.ImportKeyword && object.name.text === "meta";
}
