import { generateJsonSchemas } from './json-schemas';

describe('generateJsonSchemas', () => {
  const schema = generateJsonSchemas().get('metering.usage.v1/usage.recorded.json');

  it('writes a draft 2020-12 schema per event, under its topic', () => {
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'usage.recorded',
      type: 'object',
    });
  });

  it('shares the JsonValue definition and shows the example data', () => {
    expect(schema?.additionalProperties).toEqual({ $ref: '#/$defs/JsonValue' });
    expect(schema?.$defs).toHaveProperty('JsonValue');
    expect(schema?.examples).toEqual([expect.objectContaining({ requests: 1 })]);
  });
});
