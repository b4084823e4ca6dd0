import ts from "../typescript";
import type { Fix, TextEdit } from "../../finding";
import type { FileAnalysis, Frame } from "./analysis";
import { canonicalName, requireSpecifier, unwrap } from "./names";

type Part = { text: string; raw: string } | ts.Expression;

function edit(a: FileAnalysis, start: number, end: number, newText: string): TextEdit {
  return { range: a.file.lines.rangeOf(start, end), newText };
}

/** A string built in place: template literal or `"..." + x + "..."`; undefined for anything else. */
function stringParts(node: ts.Expression): Part[] | undefined {
  node = unwrap(node);
  if (ts.isStringLiteral(node)) return [{ text: node.text, raw: JSON.stringify(node.text).slice(1, -1) }];
  if (ts.isTemplateExpression(node)) {
    const parts: Part[] = [{ text: node.head.text, raw: node.head.rawText ?? node.head.text }];
    for (const s of node.templateSpans) parts.push(s.expression, { text: s.literal.text, raw: s.literal.rawText ?? s.literal.text });
    return parts;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = stringParts(node.left) ?? [unwrap(node.left)];
    return [...left, ...(stringParts(node.right) ?? [unwrap(node.right)])];
  }
  return undefined;
}

function isText(p: Part): p is { text: string; raw: string } {
  return "raw" in p;
}

/** Offers a fix for a sink when one is safe: `fixesFor` returns a builder run only if a flow is reported. */
export function fixesFor(a: FileAnalysis, kind: string, node: ts.Node, fr: Frame): (() => Fix[]) | undefined {
  if (kind === "js/sql-injection" && ts.isCallExpression(node)) return () => sqlFix(a, node);
  if (kind === "js/command-injection" && ts.isCallExpression(node)) return () => commandFix(a, node, fr);
  if (kind === "js/dom-xss" && ts.isBinaryExpression(node) && ts.isPropertyAccessExpression(node.left) && node.left.name.text === "innerHTML") {
    const name = node.left.name;
    return () => [{ title: "Insert as text (textContent) instead of HTML", isPreferred: false, edits: [edit(a, a.startOf(name), name.end, "textContent")] }];
  }
  return undefined;
}

/** pg numbers its placeholders; mysql, mysql2 and sqlite use `?`. Decided from what the file imports. */
function placeholderStyle(text: string): ((n: number) => string) | undefined {
  if (/["'](?:pg|pg-pool)["']/.test(text)) return (n) => `$${n}`;
  if (/["'](?:mysql2?(?:\/promise)?|sqlite3|better-sqlite3)["']/.test(text)) return () => "?";
  return undefined;
}

/** `db.query("... id = " + id)` to `db.query("... id = $1", [id])`, when every value sits whole in the SQL. */
function sqlFix(a: FileAnalysis, call: ts.CallExpression): Fix[] {
  const placeholder = placeholderStyle(a.text);
  const [first, ...rest] = call.arguments;
  if (!placeholder || !first) return [];
  if (rest.length > 1 || (rest.length === 1 && !ts.isFunctionLike(unwrap(rest[0]!)))) return [];
  const parts = stringParts(first);
  if (!parts) return [];
  let sql = "";
  const values: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (isText(p)) {
      sql += p.raw;
      continue;
    }
    const next = parts[i + 1];
    const quoted = sql.endsWith("'") && next !== undefined && isText(next) && next.raw.startsWith("'");
    if (quoted) {
      sql = sql.slice(0, -1);
      parts[i + 1] = { text: next.text.slice(1), raw: next.raw.slice(1) };
    }
    // A value inside a quoted SQL string (LIKE '%x%') cannot become a parameter as it stands.
    if ((sql.match(/'/g)?.length ?? 0) % 2 === 1) return [];
    values.push(a.textOf(p));
    sql += placeholder(values.length);
  }
  if (values.length === 0) return [];
  const literal = ts.isTemplateExpression(unwrap(first)) ? `\`${sql}\`` : `"${sql.replace(/"/g, '\\"')}"`;
  return [{
    title: "Pass the values as query parameters",
    isPreferred: true,
    edits: [edit(a, a.startOf(first), first.end, `${literal}, [${values.join(", ")}]`)],
  }];
}

const SAFE_WORD = /^[\w\-./:,@+=%]+$/;
const FILE_VARIANT: Record<string, string> = { exec: "execFile", execSync: "execFileSync" };

/** `exec("git log " + ref)` to `execFile("git", ["log", ref])`: no shell, so the value stays one argument. */
function commandFix(a: FileAnalysis, call: ts.CallExpression, fr: Frame): Fix[] {
  const canonical = canonicalName(call.expression, fr.scope);
  const fn = canonical?.startsWith("child_process.") ? canonical.slice("child_process.".length) : undefined;
  const replacement = fn && FILE_VARIANT[fn];
  const [first, ...rest] = call.arguments;
  if (!replacement || !first || rest.some((r) => ts.isObjectLiteralExpression(unwrap(r)) && /shell/.test(a.textOf(r)))) return [];
  const parts = stringParts(first);
  if (!parts) return [];
  const words: string[] = [];
  let open = false; // the previous part ended inside a word
  for (const p of parts) {
    if (isText(p)) {
      if (p.text === "") continue;
      if (open && !/^\s/.test(p.text)) return [];
      const tokens = p.text.trim() === "" ? [] : p.text.trim().split(/\s+/);
      if (!tokens.every((t) => SAFE_WORD.test(t))) return [];
      words.push(...tokens.map((t) => JSON.stringify(t)));
      open = tokens.length > 0 && !/\s$/.test(p.text);
      continue;
    }
    if (open) return [];
    words.push(a.textOf(p));
    open = true;
  }
  const [cmd, ...args] = words;
  if (!cmd || !cmd.startsWith('"') || args.length === 0) return [];
  const edits: TextEdit[] = [edit(a, a.startOf(first), first.end, `${cmd}, [${args.join(", ")}]`)];
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) edits.push(edit(a, a.startOf(callee.name), callee.name.end, replacement));
  else if (ts.isIdentifier(callee)) {
    edits.push(edit(a, a.startOf(callee), callee.end, replacement));
    const declared = fr.scope.lookup(replacement)?.import?.name === replacement;
    const importEdit = declared ? undefined : importAddition(a, callee.text, replacement);
    if (!declared && !importEdit) return [];
    if (importEdit) edits.push(importEdit);
  }
  return [{ title: `Run the command without a shell (${replacement} with an argument list)`, isPreferred: true, edits }];
}

/** Adds `execFile` next to `exec` where the file imports it (the same edit for every fix, so "fix all" applies it once). */
function importAddition(a: FileAnalysis, name: string, added: string): TextEdit | undefined {
  let found: ts.Node | undefined;
  const visitSpecifier = (el: { name: ts.Node; propertyName?: ts.Node }) => {
    if (!el.propertyName && ts.isIdentifier(el.name) && el.name.text === name) found = el.name;
  };
  for (const st of a.sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteralLike(st.moduleSpecifier) && /^(node:)?child_process$/.test(st.moduleSpecifier.text)) {
      const nb = st.importClause?.namedBindings;
      if (nb && ts.isNamedImports(nb)) nb.elements.forEach(visitSpecifier);
    } else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const spec = d.initializer && requireSpecifier(d.initializer);
        if (spec && /^(node:)?child_process$/.test(spec) && ts.isObjectBindingPattern(d.name)) d.name.elements.forEach(visitSpecifier);
      }
    }
  }
  return found ? edit(a, a.startOf(found), found.end, `${name}, ${added}`) : undefined;
}
