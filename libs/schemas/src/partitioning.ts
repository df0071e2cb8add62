/**
 * How every Tenantry producer picks a message's partition, so that producers in any language
 * put one key on one partition (and keep its order). It is the Java client's default, which
 * kafkajs' DefaultPartitioner and Kafka Streams/Connect share: murmur2 of the key's UTF-8 bytes
 * (seed 0x9747b28c), made positive (`hash & 0x7fffffff`), modulo the topic's partition count.
 * librdkafka-based clients (confluent-kafka-*, node-rdkafka, Go, .NET, Python) default to
 * `consistent_random` (CRC32), which sends keys elsewhere: they must set
 * `partitioner=murmur2_random`.
 */
export const keyPartitioner = Object.freeze({
  name: 'murmur2',
  description:
    "partition = (murmur2(UTF-8 bytes of the key, seed 0x9747b28c) & 0x7fffffff) % partitions: the Java client's default. " +
    'librdkafka-based producers must set partitioner=murmur2_random (their default, consistent_random, uses CRC32).',
} as const);
