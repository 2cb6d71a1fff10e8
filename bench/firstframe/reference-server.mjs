#!/usr/bin/env node
// Reference for the first-frame benchmark: the least a local web app can do on the same
// path - a plain Node HTTP server (no tsx, no workspace) serving one page that clears a
// WebGL canvas every animation frame. Prints one stdout line like `cim serve` does.
import http from 'node:http';

const PAGE = `<!doctype html><meta charset="utf-8"><title>reference</title>
<style>html,body{margin:0;height:100%}canvas{width:100%;height:100%;display:block}</style>
<canvas id="c"></canvas><script>
const canvas = document.getElementById('c');
canvas.width = innerWidth; canvas.height = innerHeight;
const gl = canvas.getContext('webgl2');
window.__refFrames = 0;
function frame() {
  gl.clearColor(0.05, 0.1, 0.2, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  window.__refFrames++;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script>`;

const server = http.createServer((req, res) => {
  if (req.url === '/' || req.url?.startsWith('/?')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  } else {
    res.writeHead(404).end();
  }
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`Reference: http://127.0.0.1:${String(address.port)}/\n`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
