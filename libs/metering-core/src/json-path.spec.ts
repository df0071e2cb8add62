import { compileJsonPath, InvalidJsonPathError } from './json-path';

describe('compileJsonPath', () => {
  const data = {
    tokens: { input: 12, output: 30 },
    calls: [{ model: 'small' }, { model: 'large' }],
    'key with space': 'spaced',
    "it's": 'quoted',
    nothing: null,
  };

  it.each([
    ['$.tokens.input', 12],
    ['$.calls[1].model', 'large'],
    ['$.calls[0]', { model: 'small' }],
    ["$['key with space']", 'spaced'],
    ['$["key with space"]', 'spaced'],
    ["$['it\\'s']", 'quoted'],
    ["$['tokens'].output", 30],
    ['$.nothing', null],
  ])('reads %s', (path, expected) => {
    expect(compileJsonPath(path)(data)).toEqual(expected);
  });

  it.each([
    '$.missing',
    '$.tokens.input.deeper',
    '$.calls[2]',
    '$.tokens[0]',
    '$.calls.model',
    '$.nothing.below',
  ])('gives undefined where %s leads nowhere', (path) => {
    expect(compileJsonPath(path)(data)).toBeUndefined();
  });

  it('reads only own members, never inherited ones', () => {
    expect(compileJsonPath('$.constructor')({})).toBeUndefined();
    expect(compileJsonPath("$['__proto__']")({})).toBeUndefined();
    expect(compileJsonPath('$.length')('text')).toBeUndefined();
    expect(compileJsonPath('$.length')([1, 2])).toBeUndefined();
  });

  it.each([
    ['', "must start with '$'"],
    ['tokens.input', "must start with '$'"],
    ['$', 'at least one'],
    ['$..input', 'recursive descent'],
    ['$.*', 'member name'],
    ['$.calls[*]', 'non-negative index'],
    ['$.calls[-1]', 'non-negative index'],
    ['$.calls[0:2]', 'non-negative index'],
    ['$.calls[?@.model]', 'non-negative index'],
    ['$.calls[01]', 'non-negative index'],
    ["$['open", 'unterminated'],
    ["$['a'x", "expected ']'"],
    ["$['a\\n']", 'unsupported escape'],
    ['$.a b', 'unexpected'],
    ['$.1st', 'member name'],
    [`$${'.a'.repeat(33)}`, 'more than 32 segments'],
    [`$.${'a'.repeat(600)}`, 'longer than 512'],
  ])('refuses %j, saying %s', (path, reason) => {
    let error: unknown;
    try {
      compileJsonPath(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidJsonPathError);
    expect((error as InvalidJsonPathError).detail).toContain(reason);
    expect((error as InvalidJsonPathError).status).toBe(422);
  });
});
