// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` runs `tsc --noEmit` over the whole project (scripts and tests included),
  // so the build does not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  // Packages with native code or their own WASM stay outside the bundle and load from node_modules.
  serverExternalPackages: ['@electric-sql/pglite', 'argon2', 'postgres'],
  poweredByHeader: false,
};
export default nextConfig;
