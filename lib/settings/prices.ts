/** The org's backend prices (setting `savings.prices`), kept apart from definitions.ts so the settings form can import it. */
export const PRICE_KEYS = [
  "per_gb_ingested",
  "per_million_data_points",
  "per_million_spans",
  "per_million_log_records",
  "per_active_series",
] as const;
export type Prices = Record<(typeof PRICE_KEYS)[number], number | null>;
