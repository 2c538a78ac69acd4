import type { Metadata, Viewport } from "next";
import { THEME_SCRIPT } from "./_components/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "FlowGate", template: "%s · FlowGate" },
  description: "Control plane for OpenTelemetry Collector gateways",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The theme script sets the "dark" class before React hydrates, so the class may differ from the server's.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
