#!/usr/bin/env node
// No folder cycles: `npm run deps` runs this after dependency-cruiser's module rules. It
// reads depcruise's JSON of the tree and collapses modules to their domain folder (main/<x>,
// renderer/<x>, tiles/<x>; common, layers, seeds whole), ignoring type-only imports, then
// reports every set of folders that import each other round (Tarjan's strongly connected
// components). A ratchet (folder-cycles-ratchet.json) lists the cycles that may remain for now;
// it only ever shrinks. Usage: node scripts/folder-cycles.mjs [--cwd DIR] PATHS…
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The folder a module belongs to, for this rule. */
export function domainFolder(file) {
  const parts = file.split('/');
  if (['main', 'renderer', 'tiles'].includes(parts[0]) && parts.length > 2) return parts.slice(0, 2).join('/');
  return parts[0];
}

/** edges: [fromFile, toFile][] -> cycles: { folders: string[], examples: [from, to][] }[] */
export function folderCycles(edges) {
  const graph = new Map();
  const example = new Map();
  for (const [from, to] of edges) {
    const a = domainFolder(from);
    const b = domainFolder(to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a).add(b);
    if (!example.has(`${a}>${b}`)) example.set(`${a}>${b}`, [from, to]);
  }
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (v) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      for (;;) {
        const w = stack.pop();
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1) {
        const set = new Set(component);
        const examples = [...example.entries()]
          .filter(([k]) => {
            const [a, b] = k.split('>');
            return set.has(a) && set.has(b);
          })
          .map(([, e]) => e);
        cycles.push({ folders: component.sort(), examples });
      }
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Runs depcruise over `paths` (relative to `cwd`) and returns the code-level edges. */
export function cruiseEdges(cwd, paths, config) {
  const out = execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      config,
      '--output-type',
      'json',
      ...paths,
    ],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const edges = [];
  for (const m of JSON.parse(out).modules) {
    if (m.source.startsWith('node_modules')) continue;
    for (const d of m.dependencies) {
      const types = d.dependencyTypes ?? [];
      if (d.coreModule || types.includes('core') || types.includes('type-only') || types.includes('npm')) continue;
      if (d.resolved.startsWith('node_modules')) continue;
      edges.push([m.source, d.resolved]);
    }
  }
  return edges;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--cwd');
  const cwd = at >= 0 ? path.resolve(args[at + 1]) : process.cwd();
  const paths = at >= 0 ? args.filter((_, i) => i !== at && i !== at + 1) : args;
  const allowed = new Set(
    JSON.parse(
      fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'folder-cycles-ratchet.json'), 'utf8'),
    ).cycles.map((c) => [...c].sort().join(' ')),
  );
  const all = folderCycles(cruiseEdges(cwd, paths, path.join(cwd, '.dependency-cruiser.cjs')));
  const cycles = all.filter((c) => !allowed.has(c.folders.join(' ')));
  for (const c of all.filter((x) => allowed.has(x.folders.join(' ')))) {
    console.log(`… known folder cycle (scripts/folder-cycles-ratchet.json, to be removed): ${c.folders.join(' ⇄ ')}`);
  }
  if (cycles.length === 0) {
    console.log('✔ no folder cycles');
  } else {
    for (const c of cycles) {
      console.error(`✘ folder cycle: ${c.folders.join(' ⇄ ')}`);
      for (const [from, to] of c.examples) console.error(`    ${from} → ${to}`);
    }
    process.exit(1);
  }
}
