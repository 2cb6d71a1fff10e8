/**
 * The illegal-build detection job (违法建设识别): reads both survey epochs, the permits and the
 * prohibited zones in the Gauss-Krüger zone of the data, matches and classifies the changes
 * (match-core.ts), checks the changed buildings (suspect-core.ts) and writes the suspects as
 * the result layer (the after buildings' footprints and attributes, with kind, score,
 * reasons and measures), in one transaction. Environment: node.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import type { ChangeParams, ChangeSummary, SuspectKind, SuspectRow } from '../../../common/contract/change.js';
import { CimError } from '../../../common/errors.js';
import { gkProj4 } from '../../../layers/crs.js';
import { getLayer } from '../../store/catalog.js';
import type { Db } from '../../store/connection.js';
import { tableExists } from '../../store/feature-table.js';
import { gkTransforms } from '../clip/project.js';
import { analysisZone, centreLonOf } from '../clip/zone.js';
import type { AnalysisControl } from '../entry.js';
import { numberOf } from '../parcel-check/fields.js';
import { readPolygonLayer as readGkLayer, type LayerFeature as GkFeature, type ReadLayer as GkLayer } from './read.js';
import { withResultLayer } from '../result.js';
import { CHANGE_STYLE } from './style.js';
import { COMPUTED, crsOf, reasonsText, textOf, valueAt } from './result-fields.js';
import { footprintOf } from './footprint.js';
import {
  BUILDING_ID_NAMES,
  FLOORS_NAMES,
  PERMIT_ID_NAMES,
  findField,
  heightFieldOf,
  zoneCategoryOf,
} from './fields.js';
import { GeosFootprintOps } from './geos-ops.js';
import { MATCH_DEFAULTS, matchEpochs, type ChangeGroup, type EpochBuilding } from './match-core.js';
import { CHECK_DEFAULTS, SUSPECT_KINDS, findSuspects, type Suspect, type ZoneInput } from './suspect-core.js';

export type { ChangeParams, ChangeSummary };

const MAX_LISTED = 500;

function sameContent(a: GkLayer, b: GkLayer): boolean {
  if (a.features.length !== b.features.length || a.features.length === 0) return false;
  const key = (f: GkFeature): string => Buffer.from(f.blob).toString('base64') + JSON.stringify(f.values);
  const keys = new Set(a.features.map(key));
  return b.features.every((f) => keys.has(key(f)));
}

function geometryTypeOf(db: Db, table: string): 'POLYGON' | 'MULTIPOLYGON' | 'GEOMETRY' {
  const info = db
    .prepare('SELECT geometry_type_name AS t FROM gpkg_geometry_columns WHERE table_name = ?')
    .get(table) as { t: string } | undefined;
  const t = info?.t.toUpperCase();
  return t === 'POLYGON' ? 'POLYGON' : t === 'MULTIPOLYGON' ? 'MULTIPOLYGON' : 'GEOMETRY';
}

export async function runChange(db: Db, p: ChangeParams, control: AnalysisControl): Promise<ChangeSummary> {
  const started = control.now().getTime();
  control.progress(0, 'jobs.change.reading');
  for (const name of [p.before, p.after, p.permits, ...(p.zones ?? [])]) {
    if (!tableExists(db, name)) throw new CimError('store.layer_not_found', { layer: name });
  }
  if (p.before === p.after) throw new CimError('change.same_layer', { before: p.before, after: p.after });
  if ((p.dsmBefore === undefined) !== (p.dsmAfter === undefined)) {
    throw new CimError('change.dsm_pair', { given: p.dsmBefore ?? p.dsmAfter ?? '' });
  }
  if (p.dsmBefore !== undefined && p.dsmAfter !== undefined) {
    const { runChangeDsm } = await import('./run-dsm.js');
    return runChangeDsm(db, { ...p, dsmBefore: p.dsmBefore, dsmAfter: p.dsmAfter }, control, started);
  }
  const zone = analysisZone(db, centreLonOf(db, [p.after]));
  const { toGk } = gkTransforms(gkProj4(zone));
  const before = readGkLayer(db, p.before, toGk);
  const after = readGkLayer(db, p.after, toGk);
  if (sameContent(before, after)) throw new CimError('change.same_layer', { before: p.before, after: p.after });
  const permits = readGkLayer(db, p.permits, toGk);

  const heightBefore = heightFieldOf(p.before, before.fields, p.heightField, true);
  const heightAfter = heightFieldOf(p.after, after.fields, p.heightField, true);
  const floorsBefore = p.floorsField ?? findField(before.fields, FLOORS_NAMES);
  const floorsAfter = p.floorsField ?? findField(after.fields, FLOORS_NAMES);
  const permitHeight = heightFieldOf(p.permits, permits.fields, p.permitHeightField, false);
  const permitId = findField(permits.fields, PERMIT_ID_NAMES);
  const buildingId = findField(after.fields, BUILDING_ID_NAMES);
  const beforeId = findField(before.fields, BUILDING_ID_NAMES);

  const epoch = (layer: GkLayer, h: string | null, fl: string | null): EpochBuilding[] =>
    layer.features.map((f) => ({
      footprint: footprintOf(f.polygons),
      heightM: numberOf(valueAt(layer, f, h)),
      floors: numberOf(valueAt(layer, f, fl)),
    }));
  const b = epoch(before, heightBefore, floorsBefore);
  const a = epoch(after, heightAfter, floorsAfter);
  const permitInputs = permits.features.map((f) => ({
    footprint: footprintOf(f.polygons),
    heightM: numberOf(valueAt(permits, f, permitHeight)),
  }));
  const zoneInputs: ZoneInput[] = [];
  const zoneCounts = new Map<string, { layer: string; category: string; count: number }>();
  for (const name of p.zones ?? []) {
    const layer = readGkLayer(db, name, toGk);
    const title = (() => {
      try {
        return getLayer(db, name).title;
      } catch {
        return name;
      }
    })();
    for (const f of layer.features) {
      const c = zoneCategoryOf(f.values, { name, title });
      if (!c) continue;
      zoneInputs.push({ footprint: footprintOf(f.polygons), category: c.category, name: c.label });
      const key = `${name}\u0000${c.category}`;
      const e = zoneCounts.get(key) ?? { layer: name, category: c.category, count: 0 };
      e.count++;
      zoneCounts.set(key, e);
    }
  }

  control.progress(0.2, 'jobs.change.matching');
  const match = {
    ...MATCH_DEFAULTS,
    ...(p.noiseM === undefined ? {} : { noiseM: p.noiseM }),
    ...(p.raiseMinM === undefined ? {} : { raiseMinM: p.raiseMinM }),
    ...(p.extendMinM2 === undefined ? {} : { extendMinM2: p.extendMinM2 }),
  };
  const check = {
    ...CHECK_DEFAULTS,
    ...(p.toleranceM === undefined ? {} : { footprintToleranceM: p.toleranceM }),
    ...(p.heightToleranceM === undefined ? {} : { heightToleranceM: p.heightToleranceM }),
  };
  const ops = await GeosFootprintOps.create();
  let groups: ChangeGroup[];
  let suspects: Suspect[];
  try {
    groups = matchEpochs(ops, b, a, match);
    if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: p.after });
    control.progress(0.6, 'jobs.change.checking');
    suspects = findSuspects(ops, groups, a, permitInputs, zoneInputs, check);
  } finally {
    ops.dispose();
  }
  if (control.isCancelled()) throw new CimError('jobs.cancelled', { layer: p.after });

  const changes: Record<string, number> = { unchanged: 0 };
  for (const g of groups) {
    if (g.classes.length === 0) changes.unchanged = (changes.unchanged ?? 0) + 1;
    for (const c of g.classes) changes[c] = (changes[c] ?? 0) + 1;
  }
  const computedNames = new Set(COMPUTED.map((f) => f.name.toLowerCase()));
  const fields: FieldDef[] = [
    ...after.fields.map((f) => (computedNames.has(f.name.toLowerCase()) ? { ...f, name: `${p.after}_${f.name}` } : f)),
    ...COMPUTED,
  ];
  const byKind = Object.fromEntries(SUSPECT_KINDS.map((k) => [k, 0])) as Record<SuspectKind, number>;
  const listed: SuspectRow[] = [];
  const crs = { before: crsOf(db, p.before), after: crsOf(db, p.after), permits: crsOf(db, p.permits) };
  const notes: ChangeSummary['notes'] = [];
  // a layer with no recorded source CRS was written in the store's EPSG:4326
  if (new Set([crs.before, crs.after, crs.permits].map((c) => c ?? 'EPSG:4326')).size > 1) notes.push('reprojected');
  if (permitHeight === null) notes.push('permits_footprint_only');

  control.progress(0.8, 'jobs.change.writing');
  const summary = await withResultLayer(
    db,
    { kind: 'change', params: p },
    { name: p.name, prefix: 'change', geometryType: geometryTypeOf(db, p.after), fields, style: CHANGE_STYLE },
    control,
    ({ name, writer }): ChangeSummary => {
      for (const s of suspects) {
        const f = after.features[s.after];
        if (!f) continue;
        const permit = s.permit === null ? undefined : permits.features[s.permit];
        const xkzh = permit ? textOf(valueAt(permits, permit, permitId), String(permit.fid)) : null;
        const zoneFinding = s.findings.find((x) => x.kind === 'in_protected_zone');
        const zoneText = zoneFinding ? `${zoneFinding.category} ${zoneFinding.zone}` : null;
        const beforeHeights = s.before.map((i) => b[i]?.heightM ?? null).filter((h): h is number => h !== null);
        const beforeIds = s.before.map((i) => {
          const bf = before.features[i];
          return textOf(valueAt(before, bf, beforeId), String(bf?.fid ?? i));
        });
        const kinds = SUSPECT_KINDS.filter((k) => s.findings.some((x) => x.kind === k));
        const env = f.lonLatEnvelope ?? [0, 0, 0, 0];
        const fid = writer.writeBlob(f.blob, env, [
          ...f.values,
          s.kind,
          kinds.join(','),
          s.score,
          s.classes.join('+'),
          reasonsText(s.findings),
          Number(s.excessAreaM2.toFixed(3)),
          Number(s.excessHeightM.toFixed(3)),
          beforeHeights.length ? Math.max(...beforeHeights) : null,
          beforeIds.join(','),
          xkzh,
          permit ? numberOf(valueAt(permits, permit, permitHeight)) : null,
          zoneText,
          f.fid,
        ]);
        byKind[s.kind]++;
        if (listed.length < MAX_LISTED) {
          listed.push({
            fid,
            id: textOf(valueAt(after, f, buildingId), String(f.fid)),
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
        fieldsUsed: {
          height: heightAfter,
          floors: floorsAfter,
          permitHeight,
          permitId,
          buildingId,
        },
        zones: [...zoneCounts.values()],
        thresholds: {
          linkOverlap: match.linkOverlap,
          iouSame: match.iouSame,
          noiseM: match.noiseM,
          extendMinM2: match.extendMinM2,
          raiseMinM: match.raiseMinM,
          toleranceM: check.footprintToleranceM,
          heightToleranceM: check.heightToleranceM,
          minExcessM2: check.minExcessM2,
        },
        crs,
        notes,
        gkZoneEpsg: zone.epsg,
        durationMs: control.now().getTime() - started,
        method: 'vector',
      };
    },
  );
  control.progress(1, 'jobs.change.done');
  return summary;
}
