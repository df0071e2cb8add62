import { applyChangesToString, ChangeType, type StringChange } from '@nx/devkit';
import ts from 'typescript';

/**
 * Adds `statement` (an import or export declaration) among the module's leading import/export
 * declarations, before the first whose module path sorts after `modulePath`.
 */
export function insertModuleDeclaration(
  source: string,
  statement: string,
  modulePath: string,
): string {
  const file = ts.createSourceFile('module.ts', source, ts.ScriptTarget.Latest, true);
  const declarations = file.statements.filter(
    (node): node is ts.ImportDeclaration | ts.ExportDeclaration =>
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier),
  );
  const pathOf = (node: ts.ImportDeclaration | ts.ExportDeclaration) =>
    (node.moduleSpecifier as ts.StringLiteral).text;
  if (declarations.some((node) => pathOf(node) === modulePath)) {
    throw new Error(`${modulePath} is already imported or exported`);
  }
  const next = declarations.find((node) => pathOf(node).localeCompare(modulePath) > 0);
  const change: StringChange = next
    ? { type: ChangeType.Insert, index: next.getStart(file), text: `${statement}\n` }
    : {
        type: ChangeType.Insert,
        index: declarations.at(-1)?.getEnd() ?? 0,
        text: `\n${statement}`,
      };
  return applyChangesToString(source, [change]);
}

/**
 * Appends `element` to the array literal that initializes `const <name>` (also inside a call,
 * as in `Object.freeze([...])`).
 */
export function appendToArray(source: string, name: string, element: string): string {
  const file = ts.createSourceFile('module.ts', source, ts.ScriptTarget.Latest, true);
  const declaration = file.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .find((node) => ts.isIdentifier(node.name) && node.name.text === name);
  const array = declaration?.initializer && arrayIn(declaration.initializer);
  if (!array) throw new Error(`no array literal initializes ${name}`);
  const last = array.elements.at(-1);
  const change: StringChange = last
    ? { type: ChangeType.Insert, index: last.getEnd(), text: `,\n${element}` }
    : { type: ChangeType.Insert, index: array.elements.pos, text: element };
  return applyChangesToString(source, [change]);
}

function arrayIn(node: ts.Node): ts.ArrayLiteralExpression | undefined {
  if (ts.isArrayLiteralExpression(node)) return node;
  if (ts.isCallExpression(node)) return node.arguments.map(arrayIn).find(Boolean);
  if (
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isParenthesizedExpression(node)
  )
    return arrayIn(node.expression);
  return undefined;
}

/** The migration classes a module exports (names ending in a 13-digit timestamp), oldest first. */
export function exportedMigrations(source: string): string[] {
  const file = ts.createSourceFile('module.ts', source, ts.ScriptTarget.Latest, true);
  const timestampOf = (name: string) => Number(/\d{13}$/.exec(name)?.[0]);
  return file.statements
    .filter(ts.isExportDeclaration)
    .flatMap((node) =>
      node.exportClause && ts.isNamedExports(node.exportClause)
        ? node.exportClause.elements.map((element) => element.name.text)
        : [],
    )
    .filter((name) => !Number.isNaN(timestampOf(name)))
    .sort((a, b) => timestampOf(a) - timestampOf(b));
}
