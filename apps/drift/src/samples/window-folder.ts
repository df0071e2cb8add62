import { Injectable } from '@nestjs/common';
import { segmentAdmissionOf, timeWindowBounds } from '@tenantry/drift-core';
import type { EntityManager } from 'typeorm';
import type { ModelRecord } from '../models/model-record';
import { ReferenceStore } from '../references/reference-store';
import { foldedState } from './folded-state';
import { lockWindows, windowKey, writeWindows, type StoredWindow } from './stored-windows';
import { windowRows, type SequencedBatch } from './window-rows';

/**
 * Folds accepted batches into the windows of a model that has an active reference: one locking
 * read of every affected window and one set-based write, however many rows and batches.
 */
@Injectable()
export class WindowFolder {
  constructor(private readonly references: ReferenceStore) {}

  /**
   * New windows take the active reference and are due at end + lateness (time windows) or once
   * the model's sequence has passed their last row (count windows). Existing windows keep their
   * reference; a closed one receiving late rows is marked revised and due again, so that the
   * closer re-judges it: a window's state is always a function of its accepted rows alone.
   * `model.segmentValues` must already include the values these batches admit.
   */
  async fold(
    manager: EntityManager,
    tenantId: string,
    model: ModelRecord & { activeReference: number },
    batches: readonly SequencedBatch[],
    now: Date,
  ): Promise<void> {
    const groups = windowRows(batches, model.spec, segmentAdmissionOf(model.segmentValues));
    if (groups.length === 0) return;
    const stored = await lockWindows(manager, model.key, groups);
    const versionOf = (segment: string, windowIndex: number) =>
      stored.get(windowKey(segment, windowIndex))?.referenceVersion ?? model.activeReference;
    const profiles = await this.references.getAll(
      manager,
      model.key,
      groups.map((group) => versionOf(group.segment, group.windowIndex)),
    );
    const window = model.spec.window;
    const sequenceEnd = Math.max(
      ...batches.map((batch) => batch.firstSequence + batch.rows.length),
    );

    const written = groups.map((group): Omit<StoredWindow, 'closedAt'> => {
      const existing = stored.get(windowKey(group.segment, group.windowIndex));
      const referenceVersion = versionOf(group.segment, group.windowIndex);
      const state = foldedState(
        existing?.state,
        group.rows,
        model.spec,
        profiles.get(referenceVersion)!,
      );
      const bounds =
        window.type === 'time'
          ? timeWindowBounds(group.windowIndex, window)
          : {
              start: new Date(
                Math.min(group.firstTime, existing?.windowStart.getTime() ?? Infinity),
              ),
              end: new Date(Math.max(group.lastTime, existing?.windowEnd.getTime() ?? -Infinity)),
            };
      const closed = existing?.closedAt != null;
      const newDue =
        window.type === 'time'
          ? new Date(bounds.end.getTime() + window.latenessSeconds * 1000)
          : (group.windowIndex + 1) * window.rows <= sequenceEnd
            ? now
            : null;
      return {
        segment: group.segment,
        windowIndex: group.windowIndex,
        referenceVersion,
        state,
        windowStart: bounds.start,
        windowEnd: bounds.end,
        dueAt: closed ? now : (existing?.dueAt ?? newDue),
        revisedAt: closed ? now : (existing?.revisedAt ?? null),
      };
    });
    await writeWindows(manager, tenantId, model.key, written);

    if (window.type === 'count') {
      const filledBefore = Math.floor(sequenceEnd / window.rows);
      const sequenceStart = Math.min(...batches.map((batch) => batch.firstSequence));
      if (Math.floor(sequenceStart / window.rows) < filledBefore) {
        // Segment windows of a filled range that this chunk had no rows for are complete too.
        await manager.query(
          `UPDATE drift.windows SET due_at = $3, updated_at = now()
            WHERE model_key = $1 AND window_index < $2 AND due_at IS NULL AND closed_at IS NULL`,
          [model.key, filledBefore, now],
        );
      }
    }
  }
}
