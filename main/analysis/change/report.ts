/**
 * The illegal-build detection report (违法建设识别报告): the inputs and what the run had to
 * say about them (reprojection, permits without heights), the method and thresholds, the
 * changes by class, the suspects by kind (chart and map) and the list by score with each
 * suspect's review decision. Made from the run record, the result layer and the review
 * history. Environment: node.
 */
import type { ChangeParams, ChangeSummary } from '../../../common/contract/change.js';
import { gkName, gkProj4 } from '../../../layers/crs.js';
import type { ReportDoc, ReportLang } from '../../report/document.js';
import type { Db } from '../../store/connection.js';
import { describeFeatureTable, iterateFeatures } from '../../store/feature-table.js';
import type { Position } from '../../store/gpkg-geometry.js';
import { gkTransforms } from '../clip/project.js';
import { analysisZone } from '../clip/zone.js';
import { polygonsOf } from '../obstacles/read-buildings.js';
import { readRun } from '../result.js';
import { latestDecisions, listReviews } from './reviews.js';
import { CHANGE_STYLE } from './style.js';

const MAX_ROWS = 200;

const WORDS = {
  'zh-CN': {
    title: '违法建设识别报告',
    subtitle: '两期建筑调查成果比对与规划许可、禁建区核查',
    generated: '生成时间',
    resultLayer: '结果图层',
    inputs: '输入',
    before: '前期建筑',
    after: '后期建筑',
    permits: '规划许可',
    zones: '禁建区',
    none: '无',
    fields: '所用字段',
    method: '方法',
    methodText: (s: ChangeSummary) =>
      `两期建筑按轮廓重叠关联（重叠面积达较小者的 ${String(s.thresholds.linkOverlap * 100)}%），连通的关联构成一组，可处理一拆多、多合一；重新采集的顶点偏移在 ${String(s.thresholds.noiseM)} m 内不计为变化。` +
      `新增面积（超出前期轮廓外扩 ${String(s.thresholds.noiseM)} m 的部分）≥ ${String(s.thresholds.extendMinM2)} m² 为扩建，增高 ≥ ${String(s.thresholds.raiseMinM)} m 或增加一层为加层，组的 IoU < ${String(s.thresholds.iouSame)} 且有增有减为翻建。` +
      `变化的建筑须位于许可轮廓外扩 ${String(s.thresholds.toleranceM)} m 之内、高度不超过许可高度 ${String(s.thresholds.heightToleranceM)} m，且不占禁建区（≥ ${String(s.thresholds.minExcessM2)} m²）。拆除和符合许可的新建、扩建、加层不列为疑点。`,
    reprojected: '各图层原始坐标系不同（{{crs}}），已统一投影到高斯-克吕格分带后比较。',
    footprintOnly: '规划许可图层没有高度字段：只核对许可范围，未核对高度。',
    changes: '变化统计',
    classes: {
      unchanged: '未变化',
      new: '新建',
      demolished: '拆除',
      extended: '扩建',
      raised: '加层',
      replaced: '翻建',
      reduced: '缩小',
    } as Record<string, string>,
    suspects: '疑点',
    byKind: '疑点类型',
    count: '处',
    kinds: {
      in_protected_zone: '占用禁建区',
      no_permit: '无规划许可',
      beyond_height: '超许可高度',
      beyond_footprint: '超许可范围',
    } as Record<string, string>,
    map: '疑点分布图',
    list: '疑点清单（按评分，前 {{n}} 处）',
    id: '建筑',
    kind: '类型',
    score: '评分',
    area: '超出面积 (m²)',
    height: '超出高度 (m)',
    permit: '许可证号',
    review: '核查',
    decisions: { confirmed: '已确认', dismissed: '已排除', pending: '待核查' } as Record<string, string>,
    crs: '坐标系',
  },
  en: {
    title: 'Illegal-build detection report',
    subtitle: 'Two building surveys compared, checked against permits and prohibited zones',
    generated: 'Generated',
    resultLayer: 'Result layer',
    inputs: 'Inputs',
    before: 'Earlier survey',
    after: 'Later survey',
    permits: 'Permits',
    zones: 'Prohibited zones',
    none: 'none',
    fields: 'Fields used',
    method: 'Method',
    methodText: (s: ChangeSummary) =>
      `Buildings of the two surveys are linked where their overlap is at least ${String(s.thresholds.linkOverlap * 100)} % of the smaller; connected links form a group, so splits and merges are matched. Re-digitising within ${String(s.thresholds.noiseM)} m is no change. ` +
      `Area gained beyond the earlier outline grown by ${String(s.thresholds.noiseM)} m of at least ${String(s.thresholds.extendMinM2)} m² is an extension, a rise of at least ${String(s.thresholds.raiseMinM)} m or one storey a raise, a group with IoU under ${String(s.thresholds.iouSame)} that lost and gained a replacement. ` +
      `A changed building must stand within its permit grown by ${String(s.thresholds.toleranceM)} m, no more than ${String(s.thresholds.heightToleranceM)} m over the permitted height, and out of the prohibited zones (≥ ${String(s.thresholds.minExcessM2)} m²). Demolitions and permitted new builds, extensions and raises are not suspects.`,
    reprojected:
      'The layers came in different coordinate systems ({{crs}}); all were projected to one Gauss-Krüger zone.',
    footprintOnly: 'The permits layer has no height field: footprints were checked, heights were not.',
    changes: 'Changes',
    classes: {
      unchanged: 'unchanged',
      new: 'new',
      demolished: 'demolished',
      extended: 'extended',
      raised: 'raised',
      replaced: 'replaced',
      reduced: 'reduced',
    } as Record<string, string>,
    suspects: 'Suspects',
    byKind: 'Suspects by kind',
    count: '',
    kinds: {
      in_protected_zone: 'in a prohibited zone',
      no_permit: 'no permit',
      beyond_height: 'above permitted height',
      beyond_footprint: 'beyond permitted footprint',
    } as Record<string, string>,
    map: 'Suspects map',
    list: 'Suspects by score (first {{n}})',
    id: 'Building',
    kind: 'Kind',
    score: 'Score',
    area: 'Excess area (m²)',
    height: 'Excess height (m)',
    permit: 'Permit',
    review: 'Review',
    decisions: { confirmed: 'confirmed', dismissed: 'dismissed', pending: 'to review' } as Record<string, string>,
    crs: 'CRS',
  },
} as const;

export function changeReport(db: Db, resultLayer: string, o: { lang: ReportLang; now: Date }): Promise<ReportDoc> {
  const run = readRun(db, resultLayer, 'change');
  const s = run.summary as ChangeSummary;
  const p = run.params as ChangeParams;
  const w = WORDS[o.lang];
  const decisions = latestDecisions(listReviews(db, resultLayer));
  const features = [...iterateFeatures(db, describeFeatureTable(db, resultLayer))];
  const firstRing = polygonsOf(features[0]?.geometry ?? null)[0]?.[0];
  const zone = analysisZone(db, firstRing?.[0]?.[0] ?? Number.NaN);
  const gk = gkTransforms(gkProj4(zone));
  const xy = new Float64Array(2);
  const project = ([lon, lat]: Position): [number, number] => {
    gk.toGk(lon, lat, xy);
    return [xy[0] ?? 0, xy[1] ?? 0];
  };
  const colours = CHANGE_STYLE.thematic.colours as Record<string, string>;
  const kinds = Object.keys(s.byKind);
  const notes: string[] = [];
  if (s.notes.includes('reprojected')) {
    const crs = [s.crs.before, s.crs.after, s.crs.permits].map((c) => c ?? 'EPSG:4326').join(' / ');
    notes.push(w.reprojected.replace('{{crs}}', crs));
  }
  if (s.notes.includes('permits_footprint_only')) notes.push(w.footprintOnly);
  return Promise.resolve({
    lang: o.lang,
    cover: {
      title: w.title,
      subtitle: w.subtitle,
      facts: [
        [w.generated, o.now.toISOString().slice(0, 16).replace('T', ' ')],
        [w.resultLayer, resultLayer],
        [w.suspects, String(s.count)],
      ],
    },
    sections: [
      { kind: 'heading', text: w.inputs },
      {
        kind: 'facts',
        rows: [
          [w.before, p.before],
          [w.after, p.after],
          [w.permits, p.permits],
          [w.zones, p.zones?.length ? p.zones.join(', ') : w.none],
          [
            w.fields,
            `height ${s.fieldsUsed.height ?? '—'}, floors ${s.fieldsUsed.floors ?? '—'}, permit height ${s.fieldsUsed.permitHeight ?? '—'}`,
          ],
        ],
      },
      ...notes.map((text) => ({ kind: 'paragraph' as const, text })),
      { kind: 'heading', text: w.method },
      { kind: 'note', text: w.methodText(s) },
      { kind: 'heading', text: w.changes },
      {
        kind: 'facts',
        rows: Object.entries(s.changes).map(([c, n]) => [w.classes[c] ?? c, String(n)] as const),
      },
      { kind: 'heading', text: w.suspects },
      {
        kind: 'chart',
        chart: 'bar',
        title: w.byKind,
        labels: kinds.map((k) => w.kinds[k] ?? k),
        series: [
          {
            name: w.suspects,
            values: kinds.map((k) => s.byKind[k as keyof typeof s.byKind]),
            colours: kinds.map((k) => colours[k] ?? '#888888'),
          },
        ],
        unit: w.count,
      },
      {
        kind: 'map',
        title: w.map,
        layers: [
          {
            kind: 'polygon',
            items: features.flatMap((f) =>
              polygonsOf(f.geometry).map((poly) => ({
                coords: poly.map((r) => r.map(project)),
                stroke: '#7f0000',
                fill: colours[String(f.properties.kind)] ?? '#888888',
                fillOpacity: 0.85,
              })),
            ),
          },
        ],
        legend: kinds.map((k) => ({ colour: colours[k] ?? '#888888', label: w.kinds[k] ?? k })),
        crsLabel: `${w.crs}: ${gkName(zone)}`,
      },
      {
        kind: 'table',
        caption: w.list.replace('{{n}}', String(MAX_ROWS)),
        columns: [
          { title: w.id, width: 2 },
          { title: w.kind, width: 3 },
          { title: w.score, width: 1, align: 'right' },
          { title: w.area, width: 2, align: 'right' },
          { title: w.height, width: 2, align: 'right' },
          { title: w.permit, width: 4 },
          { title: w.review, width: 2 },
        ],
        rows: s.suspects.length
          ? s.suspects
              .slice(0, MAX_ROWS)
              .map((x) => [
                x.id,
                w.kinds[x.kind] ?? x.kind,
                x.score,
                Number(x.excessAreaM2.toFixed(1)),
                Number(x.excessHeightM.toFixed(1)),
                x.permit ?? '—',
                w.decisions[decisions.get(x.fid)?.decision ?? 'pending'] ?? '',
              ])
          : [[w.none, null, null, null, null, null, null]],
      },
    ],
    footer: `CIM Workstation · ${resultLayer}`,
  });
}
