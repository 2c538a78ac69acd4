import { expect, type Page } from "@playwright/test";

export const ADMIN = {
  email: "admin@flowgate.local",
  password: process.env.E2E_ADMIN_PASSWORD || "flowgate-e2e-admin",
};

/** Page object for signing in and moving around the FlowGate shell. */
export class AppShell {
  constructor(readonly page: Page) {}

  async signIn(email = ADMIN.email, password = ADMIN.password) {
    await this.page.goto("/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(this.page.getByTestId("current-user")).toHaveText(email);
  }

  async goTo(label: string) {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/sign-in/);
  }
}
