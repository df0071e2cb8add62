import type { Invoice } from '@tenantry/metering-core';
import type { FinalizedInvoice } from './finalized-invoices';
import type { InvoiceDraft } from './invoice-drafts';

/** An invoice as the API shows it: a draft (preview) or final, with its period's bounds. */
export interface InvoiceView extends Invoice {
  status: 'draft' | 'finalized';
  periodStart: string;
  periodEnd: string;
  finalizedAt?: string;
  finalizedBy?: string;
}

/** The view of an invoice that closing the period now would give. */
export function draftView(draft: InvoiceDraft): InvoiceView {
  return {
    status: 'draft',
    ...draft.invoice,
    periodStart: draft.period.start.toISOString(),
    periodEnd: draft.period.end.toISOString(),
  };
}

/** The view of a finalized invoice. */
export function finalizedView(finalized: FinalizedInvoice): InvoiceView {
  return {
    status: 'finalized',
    ...finalized.invoice,
    periodStart: finalized.periodStart,
    periodEnd: finalized.periodEnd,
    finalizedAt: finalized.finalizedAt,
    finalizedBy: finalized.finalizedBy,
  };
}
