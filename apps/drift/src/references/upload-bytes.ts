import type { IncomingMessage } from 'node:http';
import { UploadLimitExceededError } from './upload-limit-exceeded.error';

/**
 * The body of an NDJSON or CSV upload, chunk by chunk as it arrives, refused with 413 as soon as
 * its declared length or the bytes received pass `maxBytes`.
 */
export async function* uploadBytes(
  request: IncomingMessage,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  if (Number(request.headers['content-length']) > maxBytes) {
    throw new UploadLimitExceededError('bytes', maxBytes);
  }
  let received = 0;
  try {
    for await (const chunk of request.iterator({
      destroyOnReturn: false,
    }) as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > maxBytes) throw new UploadLimitExceededError('bytes', maxBytes);
      yield chunk;
    }
  } finally {
    // Refused before its end (a limit, a malformed row): the rest is read and dropped rather than
    // the connection reset, so that the client, maybe still sending, gets the answer.
    if (!request.readableEnded) request.resume();
  }
}
