import { z } from 'zod';

/** The windows of a model and the checksum over their states (see windowsChecksum). */
export const windowsDigestSchema = z.object({
  windows: z.int(),
  checksum: z
    .string()
    .describe('sha256 (hex) over every window state; equal exactly when the states are'),
});

/** The windows of a model and the checksum over their states. */
export type WindowsDigest = z.output<typeof windowsDigestSchema>;

/** A rebuild: the digest of the rebuilt states and how many windows they changed. */
export const rebuiltWindowsSchema = windowsDigestSchema.extend({
  changed: z.int().describe('windows whose state or bounds differed from the live ones'),
});

/** A rebuild's answer. */
export type RebuiltWindows = z.output<typeof rebuiltWindowsSchema>;
