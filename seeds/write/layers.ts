/**
 * The demo city's workspace layers: table names, Chinese titles, fields (pinyin
 * abbreviations of Chinese planning databases, see seeds/README.md), default styles and the
 * rows of each, in draw order from the bottom (plans) to the top (cases).
 */
import type { FieldDef } from '../../common/contract/index.js';
import { isoBeijing } from '../city/cases.js';
import type { City } from '../city/city.js';
import { LAND_LAYERS } from './layers-land.js';
import { INFRA_LAYERS } from './layers-infra.js';
import { I, R, T, type SeedLayer } from './rows.js';

export type { SeedLayer } from './rows.js';

/** Feature tables in draw order, bottom (plans) to top (cases). */
export const SEED_LAYERS: readonly SeedLayer[] = [...LAND_LAYERS, ...INFRA_LAYERS];

export interface SeedTable {
  name: string;
  title: string;
  fields: FieldDef[];
  rows: (city: City) => Iterable<unknown[]>;
}

export const SEED_TABLES: readonly SeedTable[] = [
  {
    name: 'case_events',
    title: '城市管理案件流转记录',
    fields: [T('case_id'), I('seq'), T('step'), T('at'), T('actor')],
    *rows(city) {
      for (const c of city.cases) {
        let seq = 0;
        for (const e of c.events) yield [c.caseId, ++seq, e.step, isoBeijing(e.atMs), e.actor];
      }
    },
  },
  {
    name: 'gt_illegal_builds',
    title: '真值：违法建设',
    fields: [T('bldg_id'), T('kind'), T('xkzh'), R('excess_area_m2'), R('excess_height_m')],
    *rows(city) {
      for (const i of city.epochs.illegal)
        yield [i.bldgId, i.kind, i.xkzh, Number(i.excessAreaM2.toFixed(3)), i.excessHeightM];
    },
  },
  {
    name: 'gt_parcel_violations',
    title: '真值：地块指标超限',
    fields: [T('dkbm'), I('reg_fid'), T('indicator'), R('limit'), R('actual')],
    *rows(city) {
      for (const v of city.parcelViolations) yield [v.dkbm, v.regFid, v.indicator, v.limit, v.actual];
    },
  },
];
