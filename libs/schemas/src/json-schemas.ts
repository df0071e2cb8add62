import { z } from 'zod';
import { topicCatalogue, type TopicSpec } from './topic-catalogue';

/**
 * The JSON Schema (draft 2020-12) of each event's data, keyed by `<topic>/<event>.json`. It
 * describes what producers may send (zod's input side), so consumers tolerate added fields.
 */
export function generateJsonSchemas(
  catalogue: readonly TopicSpec[] = topicCatalogue,
): Map<string, Record<string, unknown>> {
  const schemas = new Map<string, Record<string, unknown>>();
  for (const topic of catalogue) {
    for (const contract of topic.events) {
      const {
        $schema,
        description: _own,
        ...schema
      } = z.toJSONSchema(contract.data, {
        target: 'draft-2020-12',
        io: 'input',
      });
      schemas.set(`${topic.name}/${contract.type}.json`, {
        $schema,
        title: contract.type,
        description: contract.description,
        ...schema,
        examples: [contract.example],
      });
    }
  }
  return schemas;
}
