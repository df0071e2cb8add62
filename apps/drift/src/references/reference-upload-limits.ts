/** How large one reference upload may be (DRIFT_REFERENCE_MAX_ROWS, DRIFT_REFERENCE_MAX_BYTES). */
export interface ReferenceUploadLimits {
  maxRows: number;
  /** Of an NDJSON or CSV body; a JSON body has the body parser's limit. */
  maxBytes: number;
}

/** Injects the ReferenceUploadLimits. */
export const referenceUploadLimits = Symbol('referenceUploadLimits');
