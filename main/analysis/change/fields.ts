/**
 * Which fields the change detection reads, found among the usual names of Chinese survey and
 * permit data (case-insensitive, first match), or named by the user; and which prohibited
 * zone a polygon is, from its attribute texts or else its layer's name and title.
 * Environment: common.
 */
import type { FieldDef } from '../../../common/contract/index.js';
import { CimError } from '../../../common/errors.js';
import type { ZoneCategory } from './suspect-core.js';

const HEIGHT_NAMES = [
  'height_m',
  'height',
  '高度',
  '建筑高度',
  'max_height',
  'jzgd',
  '限高',
  '控高',
  'xg',
  'permit_height',
] as const;
export const FLOORS_NAMES = ['floors', '层数', 'jzcs', 'cs', 'storeys'] as const;
export const BUILDING_ID_NAMES = ['bldg_id', 'jzbh', '建筑编号', 'bsm', 'id'] as const;
export const PERMIT_ID_NAMES = ['xkzh', '许可证号', '许可证编号', 'permit_no', 'id'] as const;

const NUMERIC = new Set(['INTEGER', 'REAL']);

export function findField(fields: readonly FieldDef[], names: readonly string[]): string | null {
  for (const n of names) {
    const f = fields.find((x) => x.name.toLowerCase() === n.toLowerCase());
    if (f) return f.name;
  }
  return null;
}

function numericFields(fields: readonly FieldDef[]): string[] {
  return fields.filter((f) => NUMERIC.has(f.type)).map((f) => f.name);
}

/**
 * The height field of a layer: the one named (which must exist), else the first usual name.
 * `required`: none found is `change.no_height_field`, listing the numeric fields.
 */
export function heightFieldOf(
  layer: string,
  fields: readonly FieldDef[],
  named: string | undefined,
  required: boolean,
): string | null {
  if (named !== undefined) {
    if (!fields.some((f) => f.name === named)) {
      throw new CimError('change.no_such_field', {
        layer,
        field: named,
        fields: numericFields(fields).join(', ') || '-',
      });
    }
    return named;
  }
  const found = findField(fields, HEIGHT_NAMES);
  if (found === null && required) {
    throw new CimError('change.no_height_field', {
      layer,
      names: HEIGHT_NAMES.join(', '),
      fields: numericFields(fields).join(', ') || '-',
    });
  }
  return found;
}

const PATTERNS: readonly [ZoneCategory, RegExp][] = [
  ['eco_red_line', /生态保护红线|生态红线|ecolog/i],
  ['basic_farmland', /永久基本农田|基本农田|farmland/i],
  ['river_blue_line', /蓝线|blue.?line|河道管理/i],
  ['road_red_line', /道路红线|road.?red.?line|road_redline/i],
];

function categoryIn(text: string): ZoneCategory | null {
  for (const [c, re] of PATTERNS) if (re.test(text)) return c;
  return null;
}

/**
 * A zone polygon's category: from its own texts (a 三条控制线 layer holds 生态保护红线 and
 * 永久基本农田 side by side; its 城镇开发边界 is no prohibited zone), else from its layer's
 * name and title (a 道路红线 layer's features name roads). Null: not a prohibited zone.
 */
export function zoneCategoryOf(
  values: readonly unknown[],
  layer: { name: string; title: string },
): { category: ZoneCategory; label: string } | null {
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const c = categoryIn(v);
    if (c) return { category: c, label: v };
  }
  if (values.some((v) => typeof v === 'string' && /城镇开发边界/.test(v))) return null;
  const c = categoryIn(`${layer.name} ${layer.title}`);
  if (!c) return null;
  const name = values.find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return { category: c, label: name ? `${layer.title} ${name}` : layer.title };
}
