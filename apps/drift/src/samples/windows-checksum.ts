import { createHash } from 'node:crypto';
import { compareCodeUnits } from '@tenantry/common';
import { windowStateChecksum, type WindowState } from '@tenantry/drift-core';

/** A window's identity and state, as the checksum reads them. */
export interface ChecksummedWindow {
  segment: string;
  windowIndex: number;
  state: WindowState;
}

/**
 * sha256 (hex) over the windows of a model in key order (segment by UTF-16 code units, then
 * window index), one line `<segment as JSON> <window index> <windowStateChecksum>` each: equal
 * exactly when the same windows hold the same states.
 */
export function windowsChecksum(windows: readonly ChecksummedWindow[]): string {
  const ordered = [...windows].sort(
    (a, b) => compareCodeUnits(a.segment, b.segment) || a.windowIndex - b.windowIndex,
  );
  const hash = createHash('sha256');
  for (const window of ordered) {
    hash.update(
      `${JSON.stringify(window.segment)} ${window.windowIndex} ${windowStateChecksum(window.state)}\n`,
    );
  }
  return hash.digest('hex');
}
