import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

/** Validates against the official SARIF 2.1.0 schema; returns ajv's errors, empty when valid. */
export function sarifErrors(doc: unknown): string[] {
  const schema = JSON.parse(readFileSync(path.join(__dirname, "..", "fixtures", "sarif", "sarif-2.1.0-rtm.5.json"), "utf8"));
  // The schema's patterns use syntax the `u` flag rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
