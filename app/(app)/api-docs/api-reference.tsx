"use client";
import dynamic from "next/dynamic";
import "@scalar/api-reference-react/style.css";

// Scalar mounts a Vue app in the browser: nothing to render on the server.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <p className="text-muted-foreground text-sm">Loading the API reference…</p>,
});

/** The reference rendered from /api/v1/openapi.json; offline-safe: no hosted fonts, proxy, telemetry or agent. */
export function ApiReference() {
  return (
    <div className="api-reference overflow-hidden rounded-lg border">
      <ApiReferenceReact
        configuration={{
          url: "/api/v1/openapi.json",
          withDefaultFonts: false,
          telemetry: false,
          hideClientButton: true,
          showDeveloperTools: "never",
          documentDownloadType: "json",
          agent: { disabled: true },
          mcp: { disabled: true },
          hideDarkModeToggle: true,
        }}
      />
    </div>
  );
}
