// Writes the generated schema documents; run through scripts/generate-schemas.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generatedFiles, jsonSchemaDirectory } from './generated-files';

const root = resolve(__dirname, '../../..');
// The folder holds only generated files: clearing it removes those of contracts that are gone.
rmSync(join(root, jsonSchemaDirectory), { recursive: true, force: true });
for (const file of generatedFiles()) {
  mkdirSync(dirname(join(root, file.path)), { recursive: true });
  writeFileSync(join(root, file.path), file.content);
  process.stdout.write(`wrote ${file.path}\n`);
}
