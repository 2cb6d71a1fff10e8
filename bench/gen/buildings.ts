/**
 * Deterministic building footprints in two survey epochs for the 3D Tiles benchmark:
 * N rotated rectangles of 8-30 m on a 40 m grid centred on Nanyang (112.53E, 33.0N), written
 * straight into a workspace as `buildings_2022` and `buildings_2024`, with the attributes the
 * demo city gives them (bldg_id, height_m, floors, use, build_year). Between the epochs 3 %
 * change height, 2 % are demolished and 3 % are new.
 */
import fs from 'node:fs';
import { openWorkspaceDb } from '../../main/store/connection.js';
import { createFeatureTable, featureWriter, finishFeatureTable } from '../../main/store/feature-table.js';
import { addLayer } from '../../main/store/catalog.js';
import { mulberry32 } from './polygons.js';

const CENTRE = [112.53, 33.0] as const;
const CELL_M = 40;
const M_PER_DEG_LAT = 111_320;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((CENTRE[1] * Math.PI) / 180);
const USES = ['residential', 'commercial', 'office', 'industrial', 'school', 'hospital'] as const;

interface Building {
  id: string;
  ring: [number, number][];
  heightM: number;
  floors: number;
  use: string;
  year: number;
}

function building(i: number, cell: number, side: number, rand: () => number): Building {
  const cx = ((cell % side) + 0.5) * CELL_M - (side * CELL_M) / 2;
  const cy = (Math.floor(cell / side) + 0.5) * CELL_M - (side * CELL_M) / 2;
  const w = 8 + rand() * 22;
  const d = 8 + rand() * 22;
  const a = rand() * Math.PI;
  const corners = [
    [-w / 2, -d / 2],
    [w / 2, -d / 2],
    [w / 2, d / 2],
    [-w / 2, d / 2],
  ].map(([x, y]) => {
    const rx = (x as number) * Math.cos(a) - (y as number) * Math.sin(a);
    const ry = (x as number) * Math.sin(a) + (y as number) * Math.cos(a);
    return [
      Number((CENTRE[0] + (cx + rx) / M_PER_DEG_LON).toFixed(7)),
      Number((CENTRE[1] + (cy + ry) / M_PER_DEG_LAT).toFixed(7)),
    ] as [number, number];
  });
  const floors = 1 + Math.floor(rand() * 33);
  return {
    id: `BLD-${String(i + 1).padStart(6, '0')}`,
    ring: [...corners, corners[0] as [number, number]],
    heightM: Number((floors * 3 + rand() * 2).toFixed(1)),
    floors,
    use: USES[Math.floor(rand() * USES.length)] ?? 'residential',
    year: 1960 + Math.floor(rand() * 60),
  };
}

export interface GeneratedBuildings {
  path: string;
  buildings2022: number;
  buildings2024: number;
}

export function generateBuildingsWorkspace(file: string, count: number, seed = 20240601): GeneratedBuildings {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const rand = mulberry32(seed);
  const extra = Math.ceil(count * 0.03);
  const side = Math.ceil(Math.sqrt(count + extra));
  const all = Array.from({ length: count + extra }, (_, i) => building(i, i, side, rand));
  const fate = all.map((_, i) =>
    i >= count ? 'new' : rand() < 0.03 ? 'changed' : rand() < 0.02 ? 'demolished' : 'same',
  );
  const db = openWorkspaceDb(file, { create: true });
  const fields = [
    { name: 'bldg_id', type: 'TEXT' as const },
    { name: 'height_m', type: 'REAL' as const },
    { name: 'floors', type: 'INTEGER' as const },
    { name: 'use', type: 'TEXT' as const },
    { name: 'build_year', type: 'INTEGER' as const },
  ];
  const counts: number[] = [];
  try {
    db.transaction(() => {
      for (const year of [2022, 2024]) {
        const name = `buildings_${String(year)}`;
        const spec = { name, title: name, geometryType: 'POLYGON' as const, fields };
        createFeatureTable(db, spec);
        const w = featureWriter(db, spec);
        all.forEach((b, i) => {
          const f = fate[i];
          if (year === 2022 && f === 'new') return;
          if (year === 2024 && f === 'demolished') return;
          const h = year === 2024 && f === 'changed' ? b.heightM + 6 : b.heightM;
          w.write({ type: 'Polygon', coordinates: [b.ring] }, [
            b.id,
            h,
            b.floors,
            b.use,
            year === 2024 && f === 'new' ? 2023 : b.year,
          ]);
        });
        finishFeatureTable(db, name, w.extent());
        addLayer(db, {
          name,
          title: name,
          sourceCrs: 'EPSG:4326',
          sourceFile: null,
          createdAt: new Date(0).toISOString(),
        });
        counts.push(w.count());
      }
    })();
  } finally {
    db.close();
  }
  return { path: file, buildings2022: counts[0] ?? 0, buildings2024: counts[1] ?? 0 };
}
