/**
 * Builds the renderer into dist/renderer with a relative base, so the same files load from
 * the browser host (`/`) and from Electron's `cim://app/`. Cesium's static assets (workers,
 * third-party wasm, textures, widget CSS) are copied beside the bundle; nothing is fetched
 * from a CDN or Cesium ion.
 */
import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(rendererRoot, '..');
const outDir = resolve(repoRoot, 'dist/renderer');
const cesiumBuild = resolve(repoRoot, 'node_modules/cesium/Build/Cesium');
const cesiumFolders = ['Workers', 'ThirdParty', 'Assets', 'Widgets'] as const;
const cesiumPublicPath = 'cesium';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/** Copies Cesium's runtime folders on build and serves them from node_modules in dev. */
function cesiumStatic(): Plugin {
  return {
    name: 'cim-cesium-static',
    configureServer(server) {
      server.middlewares.use(`/${cesiumPublicPath}/`, (req, res, next) => {
        const relative = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const file = resolve(cesiumBuild, `.${relative}`);
        if (!file.startsWith(cesiumBuild) || !existsSync(file) || !statSync(file).isFile()) {
          next();
          return;
        }
        res.setHeader('Content-Type', contentTypes[extname(file)] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    closeBundle() {
      for (const folder of cesiumFolders) {
        cpSync(join(cesiumBuild, folder), join(outDir, cesiumPublicPath, folder), { recursive: true });
      }
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), cesiumStatic()],
  define: {
    // Read by Cesium's buildModuleUrl; relative so it works under any host prefix.
    CESIUM_BASE_URL: JSON.stringify(`./${cesiumPublicPath}/`),
  },
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
  },
});
