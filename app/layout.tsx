import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "FlowGate", template: "%s · FlowGate" },
  description: "Control plane for OpenTelemetry Collector gateways",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
