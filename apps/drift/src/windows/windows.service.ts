import { Injectable } from '@nestjs/common';
import { decodePageCursor, pageOf, type Page } from '@tenantry/problem-details';
import { inTenantSnapshot, inTenantTransaction } from '@tenantry/tenant-context';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ModelStore } from '../models/model-store';
import { ReferenceStore } from '../references/reference-store';
import { loadModelStatus, type ModelStatusView } from './drift-status-view';
import { loadDriftWindow } from './drift-window';
import {
  loadTransitionHistory,
  transitionPositionSchema,
  type DriftTransition,
} from './transition-history';
import { loadWindowHistory, type WindowHistoryQuery, type WindowSummary } from './window-history';
import { windowReport, type WindowReport } from './window-report';

/** Which page of a list: at most `limit` items, after the position `cursor` holds. */
interface PageRequest {
  limit: number;
  cursor?: string;
}

/** What the API tells of a model's windows: status, history, events and reports; one tenant transaction each. */
@Injectable()
export class WindowsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly models: ModelStore,
    private readonly references: ReferenceStore,
  ) {}

  /** The status of every segment of the model, or of `segment` alone (one snapshot: the closer may commit meanwhile). */
  status(key: string, segment: string | undefined): Promise<ModelStatusView> {
    return inTenantSnapshot(this.dataSource, async (manager) =>
      loadModelStatus(manager, await this.models.get(manager, key), segment),
    );
  }

  /** A page of the windows of a model and segment, newest first. */
  async history(
    key: string,
    { cursor, limit, ...filters }: Omit<WindowHistoryQuery, 'beforeIndex'> & PageRequest,
  ): Promise<Page<WindowSummary>> {
    const beforeIndex = cursor === undefined ? undefined : decodePageCursor(z.int(), cursor);
    const windows = await inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return loadWindowHistory(manager, key, { ...filters, beforeIndex }, limit + 1);
    });
    return pageOf(
      windows,
      limit,
      (window) => window,
      (window) => window.windowIndex,
    );
  }

  /** A page of the drift events sent for a model, newest first. */
  async events(
    key: string,
    { segment, limit, cursor }: { segment?: string } & PageRequest,
  ): Promise<Page<DriftTransition>> {
    const after =
      cursor === undefined ? undefined : decodePageCursor(transitionPositionSchema, cursor);
    const events = await inTenantTransaction(this.dataSource, async (manager) => {
      await this.models.get(manager, key);
      return loadTransitionHistory(manager, key, segment, after, limit + 1);
    });
    return pageOf(
      events,
      limit,
      (event) => event.transition,
      (event) => event.position,
    );
  }

  /** One window of a model and segment against its reference. */
  report(key: string, segment: string, windowIndex: number): Promise<WindowReport> {
    return inTenantTransaction(this.dataSource, async (manager) => {
      const model = await this.models.get(manager, key);
      const window = await loadDriftWindow(manager, key, segment, windowIndex);
      const reference = await this.references.get(manager, key, window.referenceVersion);
      return windowReport(model.spec, reference, window);
    });
  }
}
