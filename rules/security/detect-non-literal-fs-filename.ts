/**
 * File system calls (`fs`, `fs/promises`, `fs-extra`) whose path arguments are not fixed at write
 * time: a path built from a variable may reach files outside the intended folder.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { calleeIdentifier, esOperand, STRING_ESCAPES } from "./es-view";
import { literalValue, memberPropertyName } from "./estree";
import { importAccessPath } from "./imports";
import { isStaticExpression } from "./static-expression";
// Which arguments of each fs function are paths: the plugin's own table, so both read the same calls.
import PATH_ARGUMENTS from "eslint-plugin-security/utils/data/fsFunctionData.json";

const FS_PACKAGES = ["fs", "node:fs", "fs/promises", "node:fs/promises", "fs-extra"];
const pathArguments = new Map<string, readonly number[]>(Object.entries(PATH_ARGUMENTS));

const check: SecurityCheck = {
  // Every tracked package is named by a string literal: 'fs…, "fs…, 'node:fs…, or spelt with escapes.
  triggers: ["'fs", '"fs', "node:fs", ...STRING_ESCAPES],
  messages: { nonLiteral: 'Found {{name}} from package "{{packageName}}" with non literal argument at index {{indices}}' },
  create(context) {
    return {
      CallExpression(node) {
        const callee = esOperand(node.expression);
        // A member call can only name the function by its own property: bail out before any lookup.
        if (!callee || (ts.isPropertyAccessExpression(callee) && !pathArguments.has(memberPropertyName(callee)!))) return;
        if (calleeIdentifier(node) === "require" || node.arguments.every((a) => literalValue(a))) return;
        const info = importAccessPath(context, callee, node, FS_PACKAGES);
        const name = info?.path.length === 1 ? info.path[0] : info?.path.length === 2 ? info.path[1] : undefined;
        const indices = name === undefined ? undefined : pathArguments.get(name);
        if (!info || !indices) return;
        const nonStatic = indices.filter((i) => i < node.arguments.length && !isStaticExpression(context, node.arguments[i], node));
        if (nonStatic.length > 0) {
          context.report({ node, messageId: "nonLiteral", data: { name: name!, packageName: info.packageName, indices: nonStatic.join(",") } });
        }
      },
    };
  },
};

export default check;
