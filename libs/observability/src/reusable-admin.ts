import type { Admin, Kafka } from 'kafkajs';

/** A kafkajs admin client kept open across calls (see reusableAdmin). */
export interface ReusableAdmin {
  /** Runs `work` on the open client, connecting first when there is none. */
  use<T>(work: (admin: Admin) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * One admin client for periodic calls (a probe or a refresh every few seconds must not open a
 * connection each time). A call that fails drops the client, so that the next call reconnects.
 */
export function reusableAdmin(kafka: Kafka): ReusableAdmin {
  let connection: Promise<Admin> | undefined;

  const connect = (): Promise<Admin> => {
    connection ??= (async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        return admin;
      } catch (error) {
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
    })();
    return connection;
  };

  // Only the attempt that failed is dropped: a newer one, started meanwhile, is kept.
  const drop = async (attempt: Promise<Admin> | undefined): Promise<void> => {
    if (connection === attempt) connection = undefined;
    await attempt?.then((admin) => admin.disconnect()).catch(() => undefined);
  };

  return {
    async use(work) {
      const attempt = connect();
      try {
        return await work(await attempt);
      } catch (error) {
        await drop(attempt);
        throw error;
      }
    },
    close: () => drop(connection),
  };
}
