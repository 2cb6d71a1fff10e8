/**
 * The height-control report: the surface and what was compared, the counts, a map of the
 * buildings by whether they exceed, and the exceeding buildings worst first. Made from the
 * run record and the result layer. Environment: node.
 */
import type { HeightLimitParams, HeightLimitSummary } from '../../../common/contract/sunlight.js';
import { gkName, gkProj4 } from '../../../layers/crs.js';
import type { ReportDoc, ReportLang } from '../../report/document.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { Position } from '../../store/gpkg-geometry.js';
import { gkTransforms } from '../clip/project.js';
import { analysisZone } from '../clip/zone.js';
import { polygonsOf } from '../obstacles/read-buildings.js';
import { readRun } from '../result.js';

const MAX_ROWS = 200;

const WORDS = {
  'zh-CN': {
    title: '控高分析报告',
    subtitle: '建筑高度与控制高度面比对',
    generated: '生成时间',
    resultLayer: '结果图层',
    surface: '控制面',
    surfaces: {
      constant: '统一限高',
      parcel: '控规地块限高',
      inclined: '倾斜面（净空/视廊）',
      conical: '锥形面（净空/保护）',
    },
    compared: '比对高度',
    height: '建筑高度（距地面）',
    top: '建筑顶部绝对高程',
    limitField: '限高字段',
    results: '结果',
    checked: '参与比对的建筑',
    exceeding: '超出控制高度',
    maxExcess: '最大超出',
    map: '控高分析图',
    ok: '未超出',
    over: '超出',
    list: '超出控制高度的建筑（前 {{n}} 栋）',
    id: '建筑',
    heightCol: '高度 (m)',
    limit: '控制高度 (m)',
    excess: '超出 (m)',
    parcel: '地块',
    none: '无',
    crs: '坐标系',
    rule: '说明',
    ruleText:
      '建筑取其轮廓范围内控制面的最低值（平面取最低顶点，锥面取距顶点最近处，地块限高取轮廓形心所在地块）；超出 1 mm 以上为超出，等于限高不计。',
  },
  en: {
    title: 'Height control report',
    subtitle: 'Building heights against a height-limit surface',
    generated: 'Generated',
    resultLayer: 'Result layer',
    surface: 'Surface',
    surfaces: {
      constant: 'one limit',
      parcel: 'per-parcel limit (regulatory plan)',
      inclined: 'inclined plane (clearance / view corridor)',
      conical: 'conical surface (clearance / protection)',
    },
    compared: 'Compared',
    height: 'height above ground',
    top: 'absolute top',
    limitField: 'Limit field',
    results: 'Results',
    checked: 'Buildings with a limit',
    exceeding: 'Over the limit',
    maxExcess: 'Largest excess',
    map: 'Height control map',
    ok: 'within',
    over: 'over',
    list: 'Buildings over the limit (first {{n}})',
    id: 'Building',
    heightCol: 'Height (m)',
    limit: 'Limit (m)',
    excess: 'Excess (m)',
    parcel: 'Parcel',
    none: 'none',
    crs: 'CRS',
    rule: 'Rule',
    ruleText:
      'A building takes the lowest value of the surface over its footprint (a plane’s lowest vertex, a cone’s nearest point, the parcel holding its centroid); over by more than 1 mm exceeds, equal complies.',
  },
} as const;

export function heightLimitReport(db: Db, resultLayer: string, o: { lang: ReportLang; now: Date }): Promise<ReportDoc> {
  const run = readRun(db, resultLayer, 'height-limit');
  const s = run.summary as HeightLimitSummary;
  const p = run.params as HeightLimitParams;
  const w = WORDS[o.lang];
  const features = [...iterateFeatures(db, describeFeatureTable(db, resultLayer))];
  const firstRing = polygonsOf(features[0]?.geometry ?? null)[0]?.[0];
  const zone = analysisZone(db, firstRing?.[0]?.[0] ?? Number.NaN);
  const gk = gkTransforms(gkProj4(zone));
  const xy = new Float64Array(2);
  const project = ([lon, lat]: Position): [number, number] => {
    gk.toGk(lon, lat, xy);
    return [xy[0] ?? 0, xy[1] ?? 0];
  };
  const item = (exceeds: boolean) =>
    features
      .filter((f) => (f.properties.exceeds === 1) === exceeds)
      .flatMap((f) => polygonsOf(f.geometry))
      .map((poly) => ({
        coords: poly.map((r) => r.map(project)),
        stroke: exceeds ? '#a50f15' : '#1a7837',
        fill: exceeds ? '#d7191c' : '#a6dba0',
        fillOpacity: 0.8,
      }));
  return Promise.resolve({
    lang: o.lang,
    cover: {
      title: w.title,
      subtitle: w.subtitle,
      facts: [
        [w.generated, o.now.toISOString().slice(0, 16).replace('T', ' ')],
        [w.resultLayer, resultLayer],
        [w.surface, w.surfaces[s.surface]],
      ],
    },
    sections: [
      { kind: 'heading', text: w.surface },
      {
        kind: 'facts',
        rows: [
          [w.surface, w.surfaces[s.surface]],
          [w.compared, s.compared === 'top' ? w.top : w.height],
          ...(s.limitField ? ([[w.limitField, `${p.parcels ?? ''}.${s.limitField}`]] as const) : []),
          ...(p.limitM !== undefined ? ([[w.limit, String(p.limitM)]] as const) : []),
        ],
      },
      { kind: 'note', text: w.ruleText },
      { kind: 'heading', text: w.results },
      {
        kind: 'facts',
        rows: [
          [w.checked, String(s.checked)],
          [w.exceeding, String(s.exceeding)],
          [w.maxExcess, `${s.maxExcessM.toFixed(2)} m`],
        ],
      },
      {
        kind: 'map',
        title: w.map,
        layers: [
          { kind: 'polygon', items: item(false) },
          { kind: 'polygon', items: item(true) },
        ],
        legend: [
          { colour: '#a6dba0', label: w.ok },
          { colour: '#d7191c', label: w.over },
        ],
        crsLabel: `${w.crs}: ${gkName(zone)}`,
      },
      {
        kind: 'table',
        caption: w.list.replace('{{n}}', String(MAX_ROWS)),
        columns: [
          { title: w.id, width: 3 },
          { title: w.heightCol, width: 2, align: 'right' },
          { title: w.limit, width: 2, align: 'right' },
          { title: w.excess, width: 2, align: 'right' },
          { title: w.parcel, width: 2 },
        ],
        rows: s.buildings.length
          ? s.buildings.slice(0, MAX_ROWS).map((b) => [b.id, b.heightM, b.limitM, b.excessM, b.parcelId])
          : [[w.none, null, null, null, null]],
      },
    ],
    footer: `CIM Workstation · ${resultLayer}`,
  });
}
