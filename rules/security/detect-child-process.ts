/**
 * `child_process` loaded where its result is not kept (passed on, returned, wrapped), and
 * `child_process.exec` called with a command that is not fixed at write time.
 */
import ts from "../../server/src/engine/js/typescript";
import type { SecurityCheck } from "./checks";
import { calleeIdentifier, esOperand, isKeptInName, STRING_ESCAPES } from "./es-view";
import { memberPropertyName } from "./estree";
import { importAccessPath, requiredPackage } from "./imports";
import { isStaticExpression } from "./static-expression";

const CHILD_PROCESS_PACKAGES = ["child_process", "node:child_process"];

const check: SecurityCheck = {
  triggers: ["child_process", ...STRING_ESCAPES],
  messages: {
    required: 'Found require("{{name}}")',
    exec: "Found child_process.exec() with non Literal first argument",
  },
  create(context) {
    return {
      CallExpression(node) {
        if (calleeIdentifier(node) === "require") {
          const name = requiredPackage(node);
          if (name !== undefined && CHILD_PROCESS_PACKAGES.includes(name) && !isKeptInName(node)) {
            context.report({ node, messageId: "required", data: { name } });
          }
          return;
        }
        if (node.arguments.length === 0) return;
        // Only `exec` itself (a renamed binding, or a member named exec) can have the path ["exec"].
        const callee = esOperand(node.expression);
        if (!callee || !(ts.isIdentifier(callee) || (ts.isPropertyAccessExpression(callee) && memberPropertyName(callee) === "exec"))) return;
        const info = importAccessPath(context, callee, node, CHILD_PROCESS_PACKAGES);
        if (info?.path.length !== 1 || info.path[0] !== "exec") return;
        if (!isStaticExpression(context, node.arguments[0], node)) context.report({ node, messageId: "exec" });
      },
    };
  },
};

export default check;
