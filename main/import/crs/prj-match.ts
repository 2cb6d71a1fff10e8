/**
 * A .prj (or any WKT) matched to a supported EPSG code: by the root authority when there is
 * one, else by name (EPSG or ESRI spelling), else by parameters (datum, projection, central
 * meridian, false easting/northing, scale, standard parallels). No match is `known: false`:
 * the import then asks for a CRS, it never guesses. Pure; environment: common.
 */
import { DATUMS, type CrsDef, type Datum, type Projection } from '../../../layers/crs-defs.js';
import { crsDef, supportedCrsDefs } from '../../../layers/crs.js';
import { importError } from '../../../common/errors.js';
import { child, children, find, nameOf, numberAt, parseWkt, WktSyntaxError, type WktNode } from './wkt-parse.js';

export type PrjMatch =
  { known: true; epsg: number; via: 'authority' | 'name' | 'parameters' } | { known: false; name: string };

const GEOG = ['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'BASEGEOGCRS', 'BASEGEODCRS'];
const PROJ = ['PROJCS', 'PROJCRS', 'PROJECTEDCRS'];
const COMPOUND = ['COMPD_CS', 'COMPOUNDCRS'];

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const DEFS_BY_NAME: ReadonlyMap<string, number> = new Map(
  supportedCrsDefs().flatMap((d) => [
    [norm(d.name), d.epsg],
    [norm(d.esriName), d.epsg],
  ]),
);

function rootAuthority(root: WktNode): number | undefined {
  const a = child(root, 'AUTHORITY', 'ID');
  if (!a || nameOf(a).toUpperCase() !== 'EPSG') return undefined;
  const code = a.values[1];
  const n = typeof code === 'number' ? code : Number(code);
  return Number.isInteger(n) ? n : undefined;
}

function datumOf(geog: WktNode): Datum | undefined {
  const datum = child(geog, 'DATUM', 'GEODETICDATUM', 'TRF') ?? find(geog, 'DATUM');
  const name = norm(nameOf(datum).replace(/^D_/i, ''));
  const byName = Object.values(DATUMS).find((d) => d.aliases.some((a) => norm(a) === name));
  if (byName) return byName;
  const sph = datum ? child(datum, 'SPHEROID', 'ELLIPSOID') : undefined;
  const a = numberAt(sph, 1);
  const rf = numberAt(sph, 2);
  if (a === undefined || rf === undefined) return undefined;
  // By ellipsoid only when one datum uses it: GRS 80 alone could be CGCS2000, GDA94 or NAD83.
  const same = Object.values(DATUMS).filter(
    (d) => Math.abs(d.ellipsoid.a - a) < 0.01 && Math.abs(d.ellipsoid.rf - rf) < 1e-6,
  );
  return same.length === 1 ? same[0] : undefined;
}

function params(root: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  const conversion = child(root, 'CONVERSION') ?? root;
  for (const p of children(conversion, 'PARAMETER')) {
    const v = numberAt(p, 1);
    if (v !== undefined) out.set(norm(nameOf(p)), v);
  }
  return out;
}

function param(ps: Map<string, number>, ...names: string[]): number | undefined {
  for (const n of names) {
    const v = ps.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

const near = (a: number | undefined, b: number, tol: number): boolean => a !== undefined && Math.abs(a - b) <= tol;

function projectionMatches(root: WktNode, p: Projection): boolean {
  const method = norm(nameOf(child(root, 'PROJECTION') ?? child(child(root, 'CONVERSION') ?? root, 'METHOD')));
  const ps = params(root);
  const fe = param(ps, 'falseeasting', 'eastingatfalseorigin') ?? 0;
  const fn = param(ps, 'falsenorthing', 'northingatfalseorigin') ?? 0;
  const lon0 = param(ps, 'centralmeridian', 'longitudeofnaturalorigin', 'longitudeofcenter', 'longitudeoffalseorigin');
  const lat0 =
    param(ps, 'latitudeoforigin', 'latitudeofnaturalorigin', 'latitudeofcenter', 'latitudeoffalseorigin') ?? 0;
  if (p.kind === 'tmerc') {
    if (!['transversemercator', 'gausskruger', 'gaussian', 'tmerc'].includes(method)) return false;
    const k = param(ps, 'scalefactor', 'scalefactoratnaturalorigin') ?? 1;
    return (
      near(lon0, p.lon0Deg, 1e-9) &&
      near(lat0, p.lat0Deg, 1e-9) &&
      near(k, p.k, 1e-10) &&
      near(fe, p.x0M, 1e-3) &&
      near(fn, p.y0M, 1e-3)
    );
  }
  if (p.kind === 'lcc') {
    if (!method.startsWith('lambertconformalconic')) return false;
    const s1 = param(ps, 'standardparallel1', 'latitudeof1ststandardparallel');
    const s2 = param(ps, 'standardparallel2', 'latitudeof2ndstandardparallel');
    const sorted = [s1 ?? NaN, s2 ?? NaN].sort((a, b) => a - b);
    const want = [p.lat1Deg, p.lat2Deg].sort((a, b) => a - b);
    return (
      near(sorted[0], want[0] ?? NaN, 1e-9) &&
      near(sorted[1], want[1] ?? NaN, 1e-9) &&
      near(lon0, p.lon0Deg, 1e-9) &&
      near(lat0, p.lat0Deg, 1e-9) &&
      near(fe, p.x0M, 1e-3) &&
      near(fn, p.y0M, 1e-3)
    );
  }
  return ['mercatorauxiliarysphere', 'popularvisualisationpseudomercator', 'pseudomercator'].includes(method);
}

/** A projected CRS must be in metres (a US-feet .prj is not one of ours). */
function inMetres(root: WktNode): boolean {
  const unit = child(root, 'UNIT', 'LENGTHUNIT');
  if (!unit) return true;
  return near(numberAt(unit, 1), 1, 1e-12);
}

function byParameters(root: WktNode, isProjected: boolean): number | undefined {
  const geog = isProjected ? child(root, ...GEOG) : root;
  if (!geog) return undefined;
  const datum = datumOf(geog);
  if (!datum) return undefined;
  if (!isProjected) return datum.geogEpsg;
  if (!inMetres(root)) return undefined;
  const found = supportedCrsDefs().filter(
    (d: CrsDef) => d.datum.key === datum.key && d.projection !== null && projectionMatches(root, d.projection),
  );
  return found.length === 1 ? found[0]?.epsg : undefined;
}

function horizontal(root: WktNode): WktNode {
  if (!COMPOUND.includes(root.keyword)) return root;
  return child(root, ...PROJ) ?? child(root, ...GEOG) ?? root;
}

/** Matches WKT text; text that is not WKT at all (an HTML page, binary) is refused. */
export function matchWkt(text: string, file: string): PrjMatch {
  const src = text.replace(/^\uFEFF/, '').trim();
  if (src.startsWith('<') || /<html/i.test(src.slice(0, 2000))) {
    throw importError('prj_not_wkt', { file, reason: 'html' });
  }
  let parsed: WktNode;
  try {
    parsed = parseWkt(src);
  } catch (err) {
    const reason = err instanceof WktSyntaxError ? err.message : String(err);
    throw importError('prj_not_wkt', { file, reason: reason.slice(0, 80) });
  }
  const root = horizontal(parsed);
  const isProjected = PROJ.includes(root.keyword);
  if (!isProjected && !GEOG.includes(root.keyword)) {
    throw importError('prj_not_wkt', { file, reason: root.keyword.slice(0, 40) });
  }
  const code = rootAuthority(root);
  if (code !== undefined && crsDef(code)) return { known: true, epsg: code, via: 'authority' };
  const byName = DEFS_BY_NAME.get(norm(nameOf(root)));
  if (byName !== undefined) return { known: true, epsg: byName, via: 'name' };
  const byParams = byParameters(root, isProjected);
  if (byParams !== undefined) return { known: true, epsg: byParams, via: 'parameters' };
  return { known: false, name: nameOf(root) || root.keyword };
}
