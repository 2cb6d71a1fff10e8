/**
 * Builds the renderer into dist/renderer with a relative base, so the same files load from
 * the browser host (`/`) and from Electron's `cim://app/`. Cesium's static assets (workers,
 * third-party wasm, textures, widget CSS) are copied beside the bundle; nothing is fetched
 * from a CDN or Cesium ion.
 */
import { cpSync, createReadStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(rendererRoot, '..');
const outDir = resolve(repoRoot, 'dist/renderer');
/**
 * The build is written beside dist/renderer and swapped in at the end, so a host serving
 * dist/renderer while someone rebuilds never finds it half empty.
 */
const stagingDir = resolve(repoRoot, `dist/.renderer-build-${String(process.pid)}`);
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

function swapIntoPlace(built: string, target: string): void {
  const previous = `${target}.old-${String(process.pid)}`;
  if (existsSync(target)) renameSync(target, previous);
  renameSync(built, target);
  rmSync(previous, { recursive: true, force: true });
}

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
      // Also called after a failed build: never swap a broken build in.
      if (!existsSync(join(stagingDir, 'index.html'))) return;
      for (const folder of cesiumFolders) {
        cpSync(join(cesiumBuild, folder), join(stagingDir, cesiumPublicPath, folder), { recursive: true });
      }
      swapIntoPlace(stagingDir, outDir);
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
    outDir: stagingDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 8000,
  },
});
