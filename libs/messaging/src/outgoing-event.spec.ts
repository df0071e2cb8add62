import { driftSamples, SchemaViolationError, usageRecorded } from '@tenantry/schemas';
import { outgoing } from './outgoing-event';

describe('outgoing', () => {
  const attributes = { source: '/tenantry/drift', tenantid: 'acme' };

  it("builds an event of the contract's type on the contract's topic", () => {
    const data = { modelKey: 'churn', rows: [{ timestamp: '2026-12-04T10:00:00Z', features: {} }] };
    const message = outgoing(driftSamples, data, {
      ...attributes,
      id: 'batch-1',
      key: 'acme/churn',
    });
    expect(message).toEqual({
      topic: driftSamples.topic,
      key: 'acme/churn',
      event: expect.objectContaining({
        id: 'batch-1',
        type: driftSamples.type,
        tenantid: 'acme',
        data,
      }),
    });
  });

  it('takes the type a producer chooses where the contract lets it', () => {
    const message = outgoing(
      usageRecorded,
      { rows: 3 },
      { ...attributes, type: 'samples.ingested' },
    );
    expect(message.event.type).toBe('samples.ingested');
  });

  it('refuses data its contract does not allow, and a type the contract does not cover', () => {
    // @ts-expect-error rows must be an array of sample rows
    expect(() => outgoing(driftSamples, { modelKey: 'churn', rows: 3 }, attributes)).toThrow(
      SchemaViolationError,
    );
    expect(() =>
      outgoing(usageRecorded, { rows: 3 }, { ...attributes, type: 'Not A Type' }),
    ).toThrow(SchemaViolationError);
  });
});
