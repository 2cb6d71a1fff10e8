/**
 * The raster method of the illegal-build detection (DSM 差值法): the before and after DSMs
 * are differenced on one grid (dsm-read.ts: the before DSM's, nearest cell), the cells
 * gaining at least `dsmMinGainM` (2.5 m) are cleaned by a 3 × 3 opening and joined into
 * 8-connected components (dsm-core.ts), those of at least `dsmMinAreaM2` (12 m²) become
 * change polygons (dsm-outline.ts) with their area and mean/max height gain, and each goes
 * through the same permit and zone checks as a changed building (suspect-core.ts).
 *
 * What a component is, for the checks:
 * - Its **ground** is the median of the before DSM's cells within `GROUND_MARGIN_M` (1.5 m)
 *   around it (dsm-read.ts `groundAround`); its **height** after is the after DSM's mean over
 *   it less that ground.
 * - It is **new** when the before surface stood less than `NEW_BELOW_M` (1.5 m) above the
 *   ground there (a new building or an extension on open ground), else **raised** (a roof
 *   that went up).
 * - Its **permit** is the permit footprint overlapping it most, among those covering at least
 *   `RASTER_PERMIT_OVERLAP` (10 %) of it: an extension strip is checked against the permit
 *   of the building it extends, which covers part of it at most.
 * - Its **id** is the after survey's building it overlaps most (so the inspector and the
 *   ground truth can name it), else `dsm_<n>`.
 * Environment: node.
 */
import Flatbush from 'flatbush';
import proj4 from 'proj4';
import type { FieldDef } from '../../../common/contract/index.js';
import type { ChangeParams, ChangeSummary, SuspectKind, SuspectRow } from '../../../common/contract/change.js';
import { CimError } from '../../../common/errors.js';
import { gkProj4 } from '../../../layers/crs.js';
import { getLayer } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import { encodeGpkg, type Position } from '../../store/gpkg-geometry.js';
import { tableExists } from '../../store/feature-table.js';
import { gkTransforms } from '../clip/project.js';
import { analysisZone, centreLonOf } from '../clip/zone.js';
import type { AnalysisControl } from '../entry.js';
import { numberOf } from '../parcel-check/fields.js';
import { withResultLayer } from '../result.js';
import type { DsmComponent } from './dsm-core.js';
import { diffDsmPair, groundAround, openDsmPair } from './dsm-read.js';
import { runsToPolygons } from './dsm-outline.js';
import { BUILDING_ID_NAMES, PERMIT_ID_NAMES, findField, heightFieldOf, zoneCategoryOf } from './fields.js';
import { footprintOf, type Footprint } from './footprint.js';
import { GeosFootprintOps } from './geos-ops.js';
import type { ChangeGroup } from './match-core.js';
import { readPolygonLayer } from './read.js';
import { COMPUTED, crsOf, reasonsText, textOf, valueAt } from './result-fields.js';
import { CHANGE_STYLE } from './style.js';
import { CHECK_DEFAULTS, SUSPECT_KINDS, findSuspects, type ZoneInput } from './suspect-core.js';

export const DSM_DEFAULTS = { minGainM: 2.5, minAreaM2: 12 };
export const GROUND_MARGIN_M = 1.5;
export const NEW_BELOW_M = 1.5;
export const RASTER_PERMIT_OVERLAP = 0.1;

const DSM_FIELDS: readonly FieldDef[] = [
  { name: 'method', type: 'TEXT' },
  { name: 'area_m2', type: 'REAL' },
  { name: 'gain_mean_m', type: 'REAL' },
  { name: 'gain_max_m', type: 'REAL' },
  { name: 'height_after_m', type: 'REAL' },
];

const MAX_LISTED = 500;

interface Comp {
  c: DsmComponent;
  lonLat: Position[][][];
  footprint: Footprint;
  isNew: boolean;
  heightAfterM: number;
  areaM2: number;
}

type DsmParams = ChangeParams & { dsmBefore: string; dsmAfter: string };

export async function runChangeDsm(
  db: Db,
  p: DsmParams,
  control: AnalysisControl,
  started: number,
): Promise<ChangeSummary> {
  for (const name of [p.after, p.permits, ...(p.zones ?? [])]) {
    if (!tableExists(db, name)) throw new CimError('store.layer_not_found', { layer: name });
  }
  const minGainM = p.dsmMinGainM ?? DSM_DEFAULTS.minGainM;
  const minAreaM2 = p.dsmMinAreaM2 ?? DSM_DEFAULTS.minAreaM2;
  const { a, b } = await openDsmPair(p.dsmBefore, p.dsmAfter);
  try {
    const cellM = Math.abs(a.transform.pixelWidth);
    const cellAreaM2 = cellM * Math.abs(a.transform.pixelHeight);
    control.progress(0.05, 'jobs.change.dsm');
    const diff = await diffDsmPair(a, b, { minGainM, minCells: Math.ceil(minAreaM2 / cellAreaM2 - 1e-9) }, (f) =>
      control.progress(0.05 + 0.55 * f, 'jobs.change.dsm'),
    );
    if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: p.after });
    const g = diff.grid;
    const colOff = Math.round((g.originX - a.transform.originX) / a.transform.pixelWidth);
    const rowOff = Math.round((g.originY - a.transform.originY) / a.transform.pixelHeight);
    const margin = Math.ceil(GROUND_MARGIN_M / cellM);

    const zone = analysisZone(db, centreLonOf(db, [p.after]));
    const { toGk } = gkTransforms(gkProj4(zone));
    const toLonLat = proj4(g.crs.proj4, 'WGS84');
    const after = readPolygonLayer(db, p.after, toGk);
    const permits = readPolygonLayer(db, p.permits, toGk);
    const permitHeight = heightFieldOf(p.permits, permits.fields, p.permitHeightField, false);
    const permitId = findField(permits.fields, PERMIT_ID_NAMES);
    const buildingId = findField(after.fields, BUILDING_ID_NAMES);

    control.progress(0.6, 'jobs.change.checking');
    const comps: Comp[] = [];
    const gk = new Float64Array(2);
    for (const c of diff.components) {
      const ground = await groundAround(a, c.runs, { col: colOff, row: rowOff }, margin);
      const polygonsMap = runsToPolygons(c.runs, g);
      const lonLat: Position[][][] = polygonsMap.map((poly) =>
        poly.map((ring) => ring.map(([x, y]) => toLonLat.forward<[number, number]>([x, y]))),
      );
      const gkPolys = lonLat.map((poly) =>
        poly.map((ring) =>
          ring.map(([lon, lat]): Position => {
            toGk(lon, lat, gk);
            return [gk[0] ?? 0, gk[1] ?? 0];
          }),
        ),
      );
      const base = ground ?? c.meanBeforeM;
      comps.push({
        c,
        lonLat,
        footprint: footprintOf(gkPolys),
        isNew: c.meanBeforeM - base < NEW_BELOW_M,
        heightAfterM: c.meanBeforeM + c.meanGainM - base,
        areaM2: c.cells * cellAreaM2,
      });
    }
    const groups: ChangeGroup[] = comps.map((x, i) => ({
      before: [],
      after: [i],
      relation: x.isNew ? '0:1' : '1:1',
      classes: [x.isNew ? 'new' : 'raised'],
      iou: null,
      gainedM2: x.isNew ? x.areaM2 : 0,
      lostM2: 0,
      afters: [
        {
          index: i,
          changed: true,
          gainedM2: x.isNew ? x.areaM2 : 0,
          heightGainM: x.isNew ? x.heightAfterM : x.c.meanGainM,
          floorsGain: null,
        },
      ],
    }));
    const permitInputs = permits.features.map((f) => ({
      footprint: footprintOf(f.polygons),
      heightM: numberOf(valueAt(permits, f, permitHeight)),
    }));
    const zoneInputs: ZoneInput[] = [];
    const zoneCounts = new Map<string, { layer: string; category: string; count: number }>();
    for (const name of p.zones ?? []) {
      const layer = readPolygonLayer(db, name, toGk);
      let title = name;
      try {
        title = getLayer(db, name).title;
      } catch {
        // a table without a catalogue entry keeps its name as title
      }
      for (const f of layer.features) {
        const zc = zoneCategoryOf(f.values, { name, title });
        if (!zc) continue;
        zoneInputs.push({ footprint: footprintOf(f.polygons), category: zc.category, name: zc.label });
        const key = `${name}\u0000${zc.category}`;
        const e = zoneCounts.get(key) ?? { layer: name, category: zc.category, count: 0 };
        e.count++;
        zoneCounts.set(key, e);
      }
    }
    const check = {
      ...CHECK_DEFAULTS,
      permitOverlap: RASTER_PERMIT_OVERLAP,
      ...(p.toleranceM === undefined ? {} : { footprintToleranceM: p.toleranceM }),
      ...(p.heightToleranceM === undefined ? {} : { heightToleranceM: p.heightToleranceM }),
    };
    const ops = await GeosFootprintOps.create();
    let suspects;
    const owner: number[] = [];
    try {
      suspects = findSuspects(
        ops,
        groups,
        comps.map((x) => ({ footprint: x.footprint, heightM: x.heightAfterM })),
        permitInputs,
        zoneInputs,
        check,
      );
      // the after building each component lies on most
      const afterFps: Footprint[] = after.features.map((f) => footprintOf(f.polygons));
      const index = afterFps.length ? new Flatbush(afterFps.length) : null;
      if (index) {
        for (const f of afterFps) index.add(...f.bbox);
        index.finish();
      }
      comps.forEach((x, i) => {
        let best = 0;
        owner[i] = -1;
        for (const j of index?.search(...x.footprint.bbox) ?? []) {
          const fp = afterFps[j];
          const m2 = fp ? ops.intersectionArea(x.footprint, fp) : 0;
          if (m2 > best) {
            best = m2;
            owner[i] = j;
          }
        }
      });
    } finally {
      ops.dispose();
    }
    if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: p.after });

    const computed = new Set([...COMPUTED, ...DSM_FIELDS].map((f) => f.name.toLowerCase()));
    const fields: FieldDef[] = [
      ...after.fields.map((f) => (computed.has(f.name.toLowerCase()) ? { ...f, name: `${p.after}_${f.name}` } : f)),
      ...COMPUTED,
      ...DSM_FIELDS,
    ];
    const byKind = Object.fromEntries(SUSPECT_KINDS.map((k) => [k, 0])) as Record<SuspectKind, number>;
    const changes: Record<string, number> = { unchanged: 0 };
    for (const x of comps) changes[x.isNew ? 'new' : 'raised'] = (changes[x.isNew ? 'new' : 'raised'] ?? 0) + 1;
    const listed: SuspectRow[] = [];
    const crs = { before: crsOf(db, p.before), after: crsOf(db, p.after), permits: crsOf(db, p.permits) };
    const notes: ChangeSummary['notes'] = [];
    if (new Set([crs.after, crs.permits].map((c) => c ?? 'EPSG:4326')).size > 1) notes.push('reprojected');
    if (permitHeight === null) notes.push('permits_footprint_only');

    control.progress(0.8, 'jobs.change.writing');
    const summary = await withResultLayer(
      db,
      { kind: 'change', params: p },
      { name: p.name, prefix: 'change', geometryType: 'MULTIPOLYGON', fields, style: CHANGE_STYLE },
      control,
      ({ name, writer }): ChangeSummary => {
        for (const s of suspects) {
          const x = comps[s.after];
          if (!x) continue;
          const af = after.features[owner[s.after] ?? -1];
          const permit = s.permit === null ? undefined : permits.features[s.permit];
          const xkzh = permit ? textOf(valueAt(permits, permit, permitId), String(permit.fid)) : null;
          const zoneFinding = s.findings.find((q) => q.kind === 'in_protected_zone');
          const zoneText = zoneFinding ? `${zoneFinding.category} ${zoneFinding.zone}` : null;
          const kinds = SUSPECT_KINDS.filter((k) => s.findings.some((q) => q.kind === k));
          let env: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
          for (const poly of x.lonLat)
            for (const [lon, lat] of poly[0] ?? [])
              env = [Math.min(env[0], lon), Math.max(env[1], lon), Math.min(env[2], lat), Math.max(env[3], lat)];
          const geometry = { type: 'MultiPolygon' as const, coordinates: x.lonLat };
          const id = af ? textOf(valueAt(after, af, buildingId), String(af.fid)) : `dsm_${String(s.after + 1)}`;
          const fid = writer.writeBlob(encodeGpkg(geometry, 4326), env, [
            ...(af ? af.values : after.fields.map(() => null)),
            s.kind,
            kinds.join(','),
            s.score,
            s.classes.join('+'),
            reasonsText(s.findings),
            Number(s.excessAreaM2.toFixed(3)),
            Number(s.excessHeightM.toFixed(3)),
            x.isNew ? null : Number((x.heightAfterM - x.c.meanGainM).toFixed(3)),
            '',
            xkzh,
            permit ? numberOf(valueAt(permits, permit, permitHeight)) : null,
            zoneText,
            af ? af.fid : null,
            'raster',
            Number(x.areaM2.toFixed(3)),
            Number(x.c.meanGainM.toFixed(3)),
            Number(x.c.maxGainM.toFixed(3)),
            Number(x.heightAfterM.toFixed(3)),
          ]);
          byKind[s.kind]++;
          if (listed.length < MAX_LISTED) {
            listed.push({
              fid,
              id,
              kind: s.kind,
              kinds,
              score: s.score,
              classes: s.classes,
              excessAreaM2: s.excessAreaM2,
              excessHeightM: s.excessHeightM,
              permit: xkzh,
              zone: zoneText,
              lon: (env[0] + env[1]) / 2,
              lat: (env[2] + env[3]) / 2,
            });
          }
        }
        return {
          resultLayer: name,
          count: writer.count(),
          byKind,
          changes,
          suspects: listed,
          fieldsUsed: { height: null, floors: null, permitHeight, permitId, buildingId },
          zones: [...zoneCounts.values()],
          thresholds: {
            linkOverlap: RASTER_PERMIT_OVERLAP,
            iouSame: 0,
            noiseM: 0,
            extendMinM2: minAreaM2,
            raiseMinM: minGainM,
            toleranceM: check.footprintToleranceM,
            heightToleranceM: check.heightToleranceM,
            minExcessM2: check.minExcessM2,
          },
          crs,
          notes,
          gkZoneEpsg: zone.epsg,
          durationMs: control.now().getTime() - started,
          method: 'raster',
          dsm: {
            grid: `before DSM grid over the common part, origin ${g.originX.toFixed(2)},${g.originY.toFixed(2)}`,
            crs: g.crs.name,
            cellM,
            widthPx: g.width,
            heightPx: g.height,
            resampled: !g.sameGrid,
            minGainM,
            minAreaM2,
            components: comps.length,
          },
        };
      },
    );
    control.progress(1, 'jobs.change.done');
    return summary;
  } finally {
    await a.close();
    await b.close();
  }
}
