import { Injectable } from '@nestjs/common';
import {
  emptyWindowState,
  segmentAdmissionOf,
  windowStateChecksum,
  type WindowState,
} from '@tenantry/drift-core';
import { inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource, type EntityManager } from 'typeorm';
import { ModelNotFoundError } from '../models/model-not-found.error';
import { ModelStore } from '../models/model-store';
import { ReferenceStore } from '../references/reference-store';
import { foldedState } from './folded-state';
import { trackedBatches } from './sample-batch-store';
import {
  lockWindows,
  windowKey,
  windowStates,
  writeWindows,
  type StoredWindow,
} from './stored-windows';
import { windowRows } from './window-rows';
import type { RebuiltWindows, WindowsDigest } from './windows-digest';
import { windowsChecksum } from './windows-checksum';

/**
 * Recomputes a model's window states from its stored batches with the folding code of ingestion,
 * and checksums the live states. A rebuild must reproduce the live states exactly: it is the
 * proof that folding is a pure function of the accepted rows, whatever their batching.
 */
@Injectable()
export class WindowRebuildService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly references: ReferenceStore,
  ) {}

  /**
   * Refolds every stored batch, in sequence order, into the windows the model has; each keeps its
   * reference version. Rows of windows that were never opened (no reference was active when they
   * came) stay out, as they did live. Windows whose state changes are written; a closed one is
   * marked revised and due so that the closer re-judges it. Rows go to the segments of the model's
   * stored, final segment admission, which gives every row the segments it got live (see
   * segmentsOf). Holds the model's lock meanwhile.
   */
  rebuild(key: string): Promise<RebuiltWindows> {
    const now = new Date();
    return inTenantTransaction(this.dataSource, (manager, tenantId) =>
      this.rebuildModel(manager, tenantId, key, now),
    );
  }

  /** The checksum of the live window states; ModelNotFoundError (404) for an unknown model. */
  checksum(key: string): Promise<WindowsDigest> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      const windows = await windowStates(manager, key);
      return { windows: windows.length, checksum: windowsChecksum(windows) };
    });
  }

  private async rebuildModel(
    manager: EntityManager,
    tenantId: string,
    key: string,
    now: Date,
  ): Promise<RebuiltWindows> {
    const model = await this.models.find(manager, key, { forUpdate: true });
    if (!model) throw new ModelNotFoundError(key);
    const stored = await lockWindows(manager, key);
    const profiles = await this.references.getAll(
      manager,
      key,
      [...stored.values()].map((window) => window.referenceVersion),
    );
    const admitted = segmentAdmissionOf(model.segmentValues);
    const rebuilt = new Map<string, { state: WindowState; firstTime: number; lastTime: number }>();
    for await (const page of trackedBatches(manager, key)) {
      for (const group of windowRows(page, model.spec, admitted)) {
        const id = windowKey(group.segment, group.windowIndex);
        const window = stored.get(id);
        if (!window) continue;
        const sofar = rebuilt.get(id);
        rebuilt.set(id, {
          state: foldedState(
            sofar?.state,
            group.rows,
            model.spec,
            profiles.get(window.referenceVersion)!,
          ),
          firstTime: Math.min(group.firstTime, sofar?.firstTime ?? Infinity),
          lastTime: Math.max(group.lastTime, sofar?.lastTime ?? -Infinity),
        });
      }
    }

    const windows: StoredWindow[] = [];
    const changed: StoredWindow[] = [];
    for (const [id, window] of stored) {
      const result = rebuilt.get(id);
      const state =
        result?.state ?? emptyWindowState(model.spec, profiles.get(window.referenceVersion)!);
      const bounds =
        model.spec.window.type === 'count' && result
          ? { windowStart: new Date(result.firstTime), windowEnd: new Date(result.lastTime) }
          : { windowStart: window.windowStart, windowEnd: window.windowEnd };
      const next = { ...window, ...bounds, state };
      windows.push(next);
      if (
        windowStateChecksum(state) !== windowStateChecksum(window.state) ||
        next.windowStart.getTime() !== window.windowStart.getTime() ||
        next.windowEnd.getTime() !== window.windowEnd.getTime()
      ) {
        const closed = window.closedAt !== null;
        changed.push({
          ...next,
          dueAt: closed ? now : window.dueAt,
          revisedAt: closed ? now : window.revisedAt,
        });
      }
    }
    await writeWindows(manager, tenantId, model.key, changed);
    return { windows: windows.length, changed: changed.length, checksum: windowsChecksum(windows) };
  }
}
