// Next's App Router streams its payload through inline <script> tags and React injects inline styles, so both
// need 'unsafe-inline' unless every page were rendered per request with a nonce; everything else stays same-origin
// (the API reference bundles its fonts and runs without outside requests). blob: workers are Scalar's and CodeMirror's.
const contentSecurityPolicy = [
  "default-src 'self'",
  // 'unsafe-eval': the Scalar API reference compiles code at run time and renders nothing without it (seen in
  // tests/e2e/security.spec.ts); with 'unsafe-inline' already required, it opens little more.
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so parallel builds never share one.
  distDir: process.env.FLOWGATE_NEXT_DIST || ".next",
  // Kept outside the bundle: PGlite ships 15 MB of wasm that Turbopack would copy into the public static media,
  // and postgres/ws/protobufjs/prom-client should be the very module instances server.ts loads.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "ws",
    "protobufjs",
    "prom-client",
    "@peculiar/x509",
    "reflect-metadata",
    "tsyringe",
  ],
  poweredByHeader: false,
  // Load each route's code on its first request, not all at start: the idle server holds some 65 MB less heap, and
  // only the first call to each route pays about 0.2 s more (OpAMP sockets never go through Next).
  experimental: { preloadEntriesOnStart: false },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // HSTS only means something over HTTPS; the TLS-terminating proxy says so in X-Forwarded-Proto.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
};

export default nextConfig;
