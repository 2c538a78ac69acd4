/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests build into their own folder so parallel builds never share one.
  distDir: process.env.FLOWGATE_NEXT_DIST || ".next",
  // Kept outside the bundle: PGlite ships 15 MB of wasm that Turbopack would copy into the public static media,
  // and postgres/ws/protobufjs should be the very module instances server.ts loads.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ws", "protobufjs"],
  poweredByHeader: false,
};

export default nextConfig;
