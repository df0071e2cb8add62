import { appendToArray, exportedMigrations, insertModuleDeclaration } from './source-edits';

describe('insertModuleDeclaration', () => {
  const source = [
    "import type { A } from './a';",
    "import { c } from './events/c.event';",
    "import { e } from './events/e.event';",
    '',
    'const x = 1;',
  ].join('\n');

  it('puts the declaration before the first module path that sorts after it', () => {
    const edited = insertModuleDeclaration(
      source,
      "import { d } from './events/d.event';",
      './events/d.event',
    );
    expect(edited.split('\n').slice(1, 4)).toEqual([
      "import { c } from './events/c.event';",
      "import { d } from './events/d.event';",
      "import { e } from './events/e.event';",
    ]);
  });

  it('appends it after the last declaration when it sorts last', () => {
    const edited = insertModuleDeclaration(source, "export { z } from './z';", './z');
    expect(edited.split('\n')[3]).toBe("export { z } from './z';");
    expect(edited.endsWith('const x = 1;')).toBe(true);
  });

  it('refuses a module that is there already', () => {
    expect(() => insertModuleDeclaration(source, '', './events/c.event')).toThrow('already');
  });
});

describe('appendToArray', () => {
  it('appends to the array that initializes the constant, inside Object.freeze too', () => {
    const source = 'export const list: readonly number[] = Object.freeze([\n  1,\n  2,\n]);\n';
    expect(appendToArray(source, 'list', '3')).toBe(
      'export const list: readonly number[] = Object.freeze([\n  1,\n  2,\n3,\n]);\n',
    );
  });

  it('fills an empty array', () => {
    expect(appendToArray('const list = [];', 'list', '1')).toBe('const list = [1];');
  });

  it('fails when no array literal initializes the constant', () => {
    expect(() => appendToArray('const list = make();', 'list', '1')).toThrow('no array literal');
  });
});

describe('exportedMigrations', () => {
  it('lists the exported migration classes by their timestamp', () => {
    const source = [
      "export { Later1766000000002, messagingSettings } from './a';",
      "export { First1764000000000 } from './b';",
      "export { Middle1766000000000, type OutgoingEvent } from './c';",
    ].join('\n');
    expect(exportedMigrations(source)).toEqual([
      'First1764000000000',
      'Middle1766000000000',
      'Later1766000000002',
    ]);
  });
});
