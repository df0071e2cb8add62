import { keyPartitioner } from '@tenantry/schemas';
import fc from 'fast-check';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { idempotentProducer } from './kafka-client';

// An independent murmur2, written from Kafka's Utils.murmur2 (Java), not from kafkajs.
function murmur2(bytes: Uint8Array): number {
  const m = 0x5bd1e995;
  let h = (0x9747b28c ^ bytes.length) | 0;
  const whole = bytes.length - (bytes.length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const rest = bytes.length % 4;
  if (rest === 3) h ^= bytes[whole + 2]! << 16;
  if (rest >= 2) h ^= bytes[whole + 1]! << 8;
  if (rest >= 1) h = Math.imul(h ^ bytes[whole]!, m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h;
}

function documentedPartition(key: string, partitions: number): number {
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}

function producerPartition(key: string, partitions: number): number {
  const partitioner = idempotentProducer.createPartitioner!();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, id) => ({
    partitionId: id,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  return partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
}

describe('the partitioner', () => {
  it("is the reference murmur2: Kafka's own Java test vectors", () => {
    const javaVectors: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of javaVectors)
      expect([key, murmur2(Buffer.from(key))]).toEqual([key, hash]);
  });

  it('puts every key where the documented murmur2 puts it, for every partition count', () => {
    expect(keyPartitioner.name).toBe('murmur2');
    expect(idempotentProducer.createPartitioner).toBe(Partitioners.DefaultPartitioner);
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,62}$/), fc.string({ unit: 'grapheme' })),
        fc.integer({ min: 1, max: 64 }),
        (key, partitions) => {
          expect(producerPartition(key, partitions)).toBe(documentedPartition(key, partitions));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
