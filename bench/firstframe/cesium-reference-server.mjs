#!/usr/bin/env node
// Reference for the demo-city benchmark (issue #19): a bare CesiumJS Viewer of the same
// Cesium version the app bundles (node_modules/cesium/Build/Cesium), with the bundled
// NaturalEarthII imagery, served by a plain Node HTTP server on loopback. No ion, no
// geocoder, no base-layer picker. The camera comes from the query string (the demo city's
// saved view), so "all tiles loaded" is the same place on an empty globe: the floor.
// Prints one stdout line like `cim serve` does. Page globals: __refFrames (frames rendered
// by Cesium, counted on postRender) and __refIdle() (globe tiles loaded, nothing pending).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CESIUM = path.join(ROOT, 'node_modules/cesium/Build/Cesium');

const PAGE = `<!doctype html><meta charset="utf-8"><title>bare Cesium Viewer</title>
<link rel="stylesheet" href="/cesium/Widgets/widgets.css">
<style>html,body,#c{margin:0;width:100%;height:100%;overflow:hidden}</style>
<div id="c"></div>
<script>window.CESIUM_BASE_URL = '/cesium/';</script>
<script src="/cesium/Cesium.js"></script>
<script>
const q = new URLSearchParams(location.search);
const viewer = new Cesium.Viewer('c', {
  baseLayer: Cesium.ImageryLayer.fromProviderAsync(
    Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl('Assets/Textures/NaturalEarthII')),
  ),
  baseLayerPicker: false, geocoder: false, homeButton: false, sceneModePicker: false,
  navigationHelpButton: false, animation: false, timeline: false, fullscreenButton: false,
  infoBox: false, selectionIndicator: false,
});
if (q.has('lon')) {
  viewer.camera.setView({
    destination: Cesium.Cartesian3.fromDegrees(Number(q.get('lon')), Number(q.get('lat')), Number(q.get('h'))),
    orientation: {
      heading: Cesium.Math.toRadians(Number(q.get('heading') ?? 0)),
      pitch: Cesium.Math.toRadians(Number(q.get('pitch') ?? -90)),
      roll: 0,
    },
  });
}
window.__refFrames = 0;
viewer.scene.postRender.addEventListener(() => { window.__refFrames++; });
window.__refIdle = () => viewer.scene.globe.tilesLoaded;
</script>`;

const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    return;
  }
  if (url.pathname.startsWith('/cesium/')) {
    const file = path.resolve(CESIUM, decodeURIComponent(url.pathname.slice('/cesium/'.length)));
    if (file.startsWith(CESIUM + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type });
      fs.createReadStream(file).pipe(res);
      return;
    }
  }
  res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Reference: http://127.0.0.1:${String(address.port)}/\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
