/** What the studio draws from a preview: records as flat field → text maps, and the totals on top. */
export type Flat = Record<string, string>;

export type FieldChange = "added" | "changed" | "removed";

export type RecordView = {
  index: number;
  before: Flat;
  /** null when the record was dropped. */
  after: Flat | null;
  status: "kept" | "dropped" | "errored";
  error?: string;
  changes: Record<string, FieldChange>;
};

export type InOut = { in: number; out: number };

export type TotalsView = {
  records: InOut;
  bytes: InOut;
  datapoints?: InOut;
  series?: InOut;
  savedPercent: number;
};
