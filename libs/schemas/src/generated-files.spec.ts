import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedFiles, jsonSchemaDirectory } from './generated-files';

const root = resolve(__dirname, '../../..');
const stale = 'docs are stale: run scripts/generate-schemas';
const files = generatedFiles();

describe('the committed schema documents', () => {
  it.each(files.map((file) => [file.path, file.content]))(
    '%s matches the catalogue',
    (path, content) => {
      const committed = existsSync(join(root, path))
        ? readFileSync(join(root, path), 'utf8')
        : undefined;
      if (committed !== content) throw new Error(`${stale} (${path} differs)`);
    },
  );

  it('holds no JSON Schema of a contract that is gone', () => {
    const generated = new Set(files.map((file) => file.path));
    const leftovers = readdirSync(join(root, jsonSchemaDirectory), {
      recursive: true,
      encoding: 'utf8',
    })
      .map((name) => `${jsonSchemaDirectory}/${name}`)
      .filter((path) => path.endsWith('.json') && !generated.has(path));
    if (leftovers.length > 0) throw new Error(`${stale} (${leftovers.join(', ')} should go)`);
  });
});
