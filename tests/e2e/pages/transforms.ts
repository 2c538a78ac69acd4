import { expect, type Locator, type Page } from "@playwright/test";

/** Page object for the transform studio (/transforms/new and /transforms/<id>). */
export class TransformStudio {
  constructor(readonly page: Page) {}

  async gotoNew() {
    await this.page.goto("/transforms/new");
    await expect(this.page.getByRole("heading", { level: 1, name: "New transform" })).toBeVisible();
  }

  get steps(): Locator {
    return this.page.getByTestId("step");
  }

  step(kind: string): Locator {
    return this.page.locator(`[data-testid="step"][data-kind="${kind}"]`);
  }

  async addStep(label: string) {
    await this.page.getByLabel("Step kind").selectOption({ label });
    await this.page.getByRole("button", { name: "Add step" }).click();
  }

  /** Sets the sample textarea's value in one go, the way a paste of a large clipboard does. */
  async pasteSamples(text: string) {
    await this.page.getByLabel("Sample records").fill(text);
  }

  /** The records figure of the totals bar, as `{in, out}`. */
  async records(): Promise<{ in: number; out: number }> {
    const el = this.page.getByTestId("total-records");
    return { in: Number(await el.getAttribute("data-in")), out: Number(await el.getAttribute("data-out")) };
  }

  async expectRecords(inCount: number, outCount: number) {
    const el = this.page.getByTestId("total-records");
    await expect(el).toHaveAttribute("data-in", String(inCount));
    await expect(el).toHaveAttribute("data-out", String(outCount));
  }

  /** Duration of the last compile + preview in the browser, as the page measured it. */
  async previewMs(): Promise<number> {
    const v = await this.page.getByTestId("totals").getAttribute("data-preview-ms");
    expect(v, "the page exposes data-preview-ms").not.toBeNull();
    return Number(v);
  }
}

const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const;

/**
 * `n` log lines as the collector's file exporter writes them (one OTLP/JSON export per line, one record each):
 * every fourth a DEBUG line, every fifth (offset 1) mentioning an e-mail address, the rest INFO/WARN/ERROR.
 */
export function generatedLogLines(n: number): { text: string; debug: number; emails: number } {
  const levels = ["INFO", "WARN", "ERROR"] as const;
  const lines: string[] = [];
  let debug = 0;
  let emails = 0;
  for (let i = 0; i < n; i++) {
    const isDebug = i % 4 === 0;
    const withEmail = i % 5 === 1;
    if (isDebug) debug++;
    if (withEmail) emails++;
    const severity = isDebug ? "DEBUG" : levels[i % 3];
    const body = withEmail
      ? `password reset requested by user${i}@example.com`
      : `request ${i} served in ${(i * 7) % 900} ms`;
    const record = {
      timeUnixNano: String(1_764_572_400_000_000_000n + BigInt(i) * 1_000_000n),
      severityNumber: SEVERITY[severity],
      severityText: severity,
      body: { stringValue: body },
      attributes: [{ key: "http.route", value: { stringValue: `/api/items/${i % 10}` } }],
    };
    lines.push(
      JSON.stringify({
        resourceLogs: [
          {
            resource: { attributes: [{ key: "service.name", value: { stringValue: "shop" } }] },
            scopeLogs: [{ scope: { name: "shop" }, logRecords: [record] }],
          },
        ],
      }),
    );
  }
  return { text: lines.join("\n"), debug, emails };
}
