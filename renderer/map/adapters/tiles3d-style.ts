/**
 * Cesium 3D Tiles style expressions for a layer: colour from its style or thematic style,
 * `show` from the chosen survey epoch (features carry `in_<epoch>` = 1 where they exist).
 */
import type { LayerStyle } from '../../../common/contract/index.js';
import type { ResolvedThematic } from '../../style/thematic.js';
import { HIGHLIGHT_COLOUR } from '../vector/highlight-style.js';

/** `${name}` for plain identifiers, `${feature['名称']}` for anything else. */
export function variable(field: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(field) ? `\${${field}}` : `\${feature[${literal(field)}]}`;
}

function literal(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function colour(hex: string, alpha: number): string {
  return `color('${hex}', ${alpha.toFixed(3)})`;
}

/** Our rule operators in the 3D Tiles styling language. */
const OPS = { eq: '===', ne: '!==', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

export interface Tiles3DStyleJson {
  color: string | { conditions: [string, string][] };
  show: string;
}

export function tiles3dStyle(
  style: LayerStyle,
  opacity: number,
  thematic: ResolvedThematic | null,
  epoch: string | null,
  highlighted: { field: string; value: string | number } | null = null,
): Tiles3DStyleJson {
  const show = epoch === null ? 'true' : `${variable(`in_${epoch}`)} === 1`;
  const conditions: [string, string][] = [];
  // the selected feature first, in the selection colour (renderer/map/vector/highlight-style)
  if (highlighted)
    conditions.push([`${variable(highlighted.field)} === ${literal(highlighted.value)}`, colour(HIGHLIGHT_COLOUR, 1)]);
  if (!thematic) {
    if (conditions.length === 0) return { color: colour(style.fillColor, opacity), show };
    conditions.push(['true', colour(style.fillColor, opacity)]);
    return { color: { conditions }, show };
  }
  const v = variable(thematic.field);
  const rules = style.thematic?.rules;
  if (thematic.method === 'rules' && rules) {
    for (const r of rules) {
      if (r.else) continue;
      const test = r.conditions.map((c) => `${variable(c.field)} ${OPS[c.op]} ${literal(c.value)}`).join(' && ');
      conditions.push([test || 'true', colour(r.colour, opacity)]);
    }
    const otherwise = rules.find((r) => r.else);
    if (otherwise) {
      conditions.push(['true', colour(otherwise.colour, opacity)]);
      return { color: { conditions }, show };
    }
  } else if (thematic.method === 'ramp' || thematic.method === 'graduated') {
    for (let i = thematic.legend.length - 1; i >= 0; i--) {
      const item = thematic.legend[i];
      const lower = thematic.breaks[i];
      if (item && lower !== undefined) conditions.push([`${v} >= ${String(lower)}`, colour(item.colour, opacity)]);
    }
  } else {
    for (const item of thematic.legend) {
      if (item.value === null) continue;
      conditions.push([`${v} === ${literal(item.value)}`, colour(thematic.colourOf(item.value), opacity)]);
    }
  }
  // categorised: the empty-value class takes the rest, as on the map
  const rest = thematic.method === 'categorized' ? (thematic.symbolOf({})?.colour ?? '#d9d9d9') : '#d9d9d9';
  conditions.push(['true', colour(rest, opacity)]);
  return { color: { conditions }, show };
}
