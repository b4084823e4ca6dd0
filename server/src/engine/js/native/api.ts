/**
 * The native JS/TS rule API: rules run in one walk over TypeScript's own syntax tree
 * (`ts.createSourceFile`, no type information), which is many times cheaper to build than an ESTree.
 */
import type * as ts from "typescript";
import type { FileScope } from "./scope";

/** A replacement of the text between two offsets of the file. */
export interface NativeEdit {
  start: number;
  end: number;
  text: string;
}

export interface NativeSuggestion {
  messageId: string;
  data?: Record<string, string>;
  fix: NativeEdit | NativeEdit[];
}

export interface NativeReport {
  /** The node the finding points at; or give `start` and `end` offsets instead. */
  node?: ts.Node;
  start?: number;
  end?: number;
  messageId: string;
  data?: Record<string, string>;
  /** A safe fix, offered as the preferred quick fix and applied by `fix all`. */
  fix?: NativeEdit | NativeEdit[];
  suggest?: NativeSuggestion[];
}

export interface NativeContext {
  readonly path: string;
  readonly file: ts.SourceFile;
  readonly text: string;
  /** The source text of a node, without its leading trivia. */
  textOf(node: ts.Node): string;
  /** Where a node starts, without its leading trivia. */
  startOf(node: ts.Node): number;
  /** Bindings and references of the file, worked out for the names asked about. */
  readonly scope: FileScope;
  /**
   * State the rules share for this file, made by `create` on first use and dropped with the walk.
   * Not a module-level WeakMap keyed by tree: V8's young collections keep a live table's values,
   * and through them the whole tree, which then gets copied and promoted.
   */
  shared<T>(key: object, create: () => T): T;
  report(report: NativeReport): void;
}

/** The node kinds rules listen to, by name, with their node types. */
export interface NodeByKind {
  SourceFile: ts.SourceFile;
  CallExpression: ts.CallExpression;
  NewExpression: ts.NewExpression;
  PropertyAccessExpression: ts.PropertyAccessExpression;
  ElementAccessExpression: ts.ElementAccessExpression;
  BinaryExpression: ts.BinaryExpression;
  PrefixUnaryExpression: ts.PrefixUnaryExpression;
  ConditionalExpression: ts.ConditionalExpression;
  VariableDeclaration: ts.VariableDeclaration;
  Parameter: ts.ParameterDeclaration;
  BindingElement: ts.BindingElement;
  PropertyAssignment: ts.PropertyAssignment;
  ShorthandPropertyAssignment: ts.ShorthandPropertyAssignment;
  PropertyDeclaration: ts.PropertyDeclaration;
  ObjectLiteralExpression: ts.ObjectLiteralExpression;
  ArrayLiteralExpression: ts.ArrayLiteralExpression;
  Identifier: ts.Identifier;
  StringLiteral: ts.StringLiteral;
  NumericLiteral: ts.NumericLiteral;
  NoSubstitutionTemplateLiteral: ts.NoSubstitutionTemplateLiteral;
  TemplateExpression: ts.TemplateExpression;
  TaggedTemplateExpression: ts.TaggedTemplateExpression;
  RegularExpressionLiteral: ts.RegularExpressionLiteral;
  ImportDeclaration: ts.ImportDeclaration;
  ImportEqualsDeclaration: ts.ImportEqualsDeclaration;
  ExportAssignment: ts.ExportAssignment;
  FunctionDeclaration: ts.FunctionDeclaration;
  FunctionExpression: ts.FunctionExpression;
  ArrowFunction: ts.ArrowFunction;
  MethodDeclaration: ts.MethodDeclaration;
  ClassDeclaration: ts.ClassDeclaration;
  ReturnStatement: ts.ReturnStatement;
  IfStatement: ts.IfStatement;
  JsxAttribute: ts.JsxAttribute;
  JsxElement: ts.JsxElement;
  JsxSelfClosingElement: ts.JsxSelfClosingElement;
  JsxOpeningElement: ts.JsxOpeningElement;
}

export type NativeListener = { [K in keyof NodeByKind]?: (node: NodeByKind[K]) => void } & {
  /** Called once after the walk, for rules that decide on the whole file. */
  onEnd?: () => void;
};
