import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import type { INestApplication } from '@nestjs/common';
import ts from 'typescript';

const workspaceRoot = path.resolve(__dirname, '../../..');

/**
 * What `redocly lint` with the recommended rules reports as errors in `document`, one line each
 * (`<rule> at <JSON pointer>: <message>`); empty when the document is clean.
 */
export async function openApiLintErrors(document: object): Promise<string[]> {
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: 'openapi.json',
    config: await createConfig({ extends: ['recommended'] }),
  });
  return problems
    .filter((problem) => problem.severity === 'error')
    .map(
      (problem) =>
        `${problem.ruleId} at ${problem.location[0]?.pointer ?? '#'}: ${problem.message}`,
    );
}

/** A client program type-checked against the types openapi-typescript generated from a document. */
export interface GeneratedClient {
  /** Type errors of the program and the generated types; empty when both compile. */
  diagnostics: string[];
  /** The program's file: import it to run it. */
  modulePath: string;
  /** Removes the scratch folder (after the program ran). */
  remove(): void;
}

/**
 * Generates the `paths` types of `document` with openapi-typescript into `api.ts` of a scratch
 * folder under `tmp/` (inside the workspace, so that the program resolves openapi-fetch), writes `program` (a module that may `import type { paths } from './api'`
 * and use openapi-fetch) beside it as `client.ts`, and type-checks both strictly.
 */
export async function compileGeneratedClient(
  document: object,
  program: string,
): Promise<GeneratedClient> {
  mkdirSync(path.join(workspaceRoot, 'tmp'), { recursive: true });
  const folder = mkdtempSync(path.join(workspaceRoot, 'tmp', 'openapi-client-'));
  const types = astToString(await openapiTS(JSON.parse(JSON.stringify(document))));
  writeFileSync(path.join(folder, 'api.ts'), types);
  const modulePath = path.join(folder, 'client.ts');
  writeFileSync(modulePath, program);
  const compiled = ts.createProgram([modulePath], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(compiled)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  return {
    diagnostics,
    modulePath,
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** A route Express serves: an Express layer with a route. */
interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * The routes `app` serves and the operations `document` lists, each as sorted
 * `<method> <OpenAPI path>` lines, for a test that every route is documented.
 */
export function servedAndDocumentedRoutes(
  app: INestApplication,
  document: { paths: Record<string, object> },
): { served: string[]; documented: string[] } {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const served = express.router.stack.flatMap(({ route }) =>
    route
      ? Object.keys(route.methods).map(
          (method) => `${method} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
        )
      : [],
  );
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method} ${path}`),
  );
  return { served: served.sort(), documented: documented.sort() };
}
