// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm test` runs `tsc --noEmit` over the whole project (scripts and tests included),
  // so the build does not type-check a second time.
  typescript: { ignoreBuildErrors: true },
  // Packages with native code or their own WASM stay outside the bundle and load from node_modules.
  // So does Yjs: the realtime server in the same process imports it from node_modules, and a second
  // bundled copy breaks Yjs's constructor checks ("Yjs was already imported").
  serverExternalPackages: ['@electric-sql/pglite', 'argon2', 'postgres', 'yjs', 'y-protocols', 'lib0'],
  poweredByHeader: false,
  // Forms send short text (every field has a limit of a few thousand characters at most); documents
  // travel over the realtime connection, not through server actions. Mend's server answers
  // a larger action itself with a message that says what was too long (server/action-body-limit.ts,
  // whose SERVER_ACTION_BODY_LIMIT must equal this value).
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
};
export default nextConfig;
