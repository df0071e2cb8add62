import { z } from 'zod';
import { createCloudEvent } from './cloud-event';
import { coversType, defineEventContract, parseEvent } from './event-contract';
import { usageRecorded } from './events/usage-recorded.event';
import { SchemaViolationError } from './schema-violation-error';

const detected = createCloudEvent(
  {
    source: '/tenantry/drift',
    type: 'drift.detected',
    tenantid: 'acme',
    data: { model: 'scoring', window: { from: '2025-03-01', size: 500 } },
  },
  () => new Date('2025-03-01T10:00:00Z'),
);
const driftDetected = defineEventContract({
  type: 'drift.detected',
  topic: 'drift.events.v1',
  description: 'test contract',
  data: z.object({
    model: z.string(),
    window: z.object({ from: z.string(), size: z.number().int() }),
  }),
  example: { model: 'scoring', window: { from: '2025-03-01', size: 500 } },
});

function violation(parse: () => unknown): SchemaViolationError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaViolationError);
    return error as SchemaViolationError;
  }
  throw new Error('expected a SchemaViolationError');
}

describe('parseEvent', () => {
  it('gives back the event with typed data when it satisfies the contract', () => {
    const event = parseEvent(driftDetected, detected);
    expect(event.data.window.size).toBe(500);
  });

  it('names the path of every field that breaks the schema', () => {
    const error = violation(() =>
      parseEvent(driftDetected, {
        ...detected,
        data: { model: 7, window: { from: '2025-03-01', size: 1.5 } },
      }),
    );
    expect(error.contract).toBe('drift.detected');
    expect(error.issues).toHaveLength(2);
    expect(error.reason).toMatch(/^event does not satisfy drift\.detected: /);
    expect(error.reason).toContain('data.model: ');
    expect(error.reason).toContain('data.window.size: ');
  });

  it('refuses text PostgreSQL cannot store anywhere in the event, before the contract reads it', () => {
    const error = violation(() =>
      parseEvent(driftDetected, {
        ...detected,
        subject: 'model\u0000',
        data: { model: 'scoring', window: { from: '\ud800', size: 500 } },
      }),
    );
    expect([...error.issues].sort()).toEqual([
      'data.window.from: must be well-formed Unicode (it holds a lone surrogate)',
      'subject: must not contain the NUL character (U+0000)',
    ]);
  });

  it('refuses an event of another type', () => {
    expect(
      violation(() => parseEvent(driftDetected, { ...detected, type: 'drift.cleared' })).reason,
    ).toContain('type: "drift.cleared" is not drift.detected');
  });
});

describe('the usage.recorded contract', () => {
  const usage = createCloudEvent({
    source: '/tenantry/gateway',
    type: 'api.request',
    tenantid: 'acme',
    data: usageRecorded.example,
  });

  it.each([
    'api.request',
    'samples.ingested',
    'gpu_seconds',
    'tokens.in-bound',
    'com.Acme.llm:tokens/v2',
    '1api',
  ])('covers the reporter-chosen type %s', (type) => {
    expect(coversType(usageRecorded, type)).toBe(true);
    expect(parseEvent(usageRecorded, { ...usage, type }).type).toBe(type);
  });

  it.each(['api request', '.api', '-api', 'api\n', 'usage+recorded', ''])(
    'does not cover the type %j',
    (type) => {
      expect(coversType(usageRecorded, type)).toBe(false);
    },
  );

  it('takes any JSON values in the data, nested too', () => {
    const data = {
      requests: 3,
      ok: true,
      route: 'GET /',
      none: null,
      sizes: [1, 2],
      dims: { region: { id: 'eu' } },
    };
    expect(parseEvent(usageRecorded, { ...usage, data }).data).toEqual(data);
  });

  it.each([
    ['an array', [1, 2]],
    ['a number', 3],
    ['null', null],
  ])('refuses data that is %s, not an object', (_case, data) => {
    expect(violation(() => parseEvent(usageRecorded, { ...usage, data })).reason).toContain(
      'data: ',
    );
  });

  it('refuses a value JSON cannot carry, naming its path', () => {
    const data = { requests: 1, at: new Date(0) };
    expect(violation(() => parseEvent(usageRecorded, { ...usage, data })).reason).toContain(
      'data.at: ',
    );
  });
});
