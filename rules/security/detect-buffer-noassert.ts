/**
 * eslint-plugin-security's detect-buffer-noassert: a Buffer read or write method whose noAssert
 * argument (the second for reads, the third for writes) is a truthy literal. As in the plugin, the
 * argument is looked up on the call (or `new`) the member sits in, callee or not.
 */
import type { SecurityCheck } from "./checks";
import { estreeArguments, estreeParent, IDENTIFIER_ESCAPE, isMemberExpression, literalValue, memberPropertyName, type MemberNode } from "./estree";

const WIDTHS = ["UInt8", "UInt16LE", "UInt16BE", "UInt32LE", "UInt32BE", "Int8", "Int16LE", "Int16BE", "Int32LE", "Int32BE", "FloatLE", "FloatBE", "DoubleLE", "DoubleBE"];
/** The index of the noAssert argument, by method name. */
const NO_ASSERT_ARGUMENT = new Map<string, number>([...WIDTHS.map((w) => [`read${w}`, 1] as const), ...WIDTHS.map((w) => [`write${w}`, 2] as const)]);

const check: SecurityCheck = {
  // Each method name holds one of these; words with a rare first letter are searched fastest.
  triggers: ["UInt", "Int8", "Int16", "Int32", "Float", "Double", IDENTIFIER_ESCAPE],
  messages: { noAssert: "Found Buffer.{{method}} with noAssert flag set true" },
  create(context) {
    const visit = (node: MemberNode) => {
      const method = memberPropertyName(node);
      const index = method === undefined ? undefined : NO_ASSERT_ARGUMENT.get(method);
      if (index === undefined || !isMemberExpression(node)) return;
      const argument = estreeArguments(estreeParent(node))?.[index];
      if (argument && literalValue(argument)?.value) context.report({ node, messageId: "noAssert", data: { method: method! } });
    };
    return { PropertyAccessExpression: visit, ElementAccessExpression: visit };
  },
};

export default check;
