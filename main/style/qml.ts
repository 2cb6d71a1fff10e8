/**
 * QGIS layer styles (.qml) for fills, read and written: the `categorizedSymbol`,
 * `graduatedSymbol` and `singleSymbol` renderers (renderer-v2) whose symbols have a
 * SimpleFill layer (fill colour, outline colour, outline width, opacity), as QGIS 3.22
 * writes them. Pure: text in, style out, and back; no file, no network (fast-xml-parser).
 *
 * Units and colours: QGIS colours are `r,g,b,a`; a class's fill opacity is the fill's alpha
 * times the symbol's opacity (`alpha` attribute). Outline widths in millimetres (QGIS's
 * default) become screen pixels at 96 dpi (1 mm = 3.7795 px), points at 72 per inch,
 * pixels stay; map-unit widths cannot be drawn in pixels and take the layer's width.
 * An outline style of `no` is a width of 0, a fill style of `no` an opacity of 0.
 * Environment: node.
 */
import { XMLParser } from 'fast-xml-parser';
import type { ClassSymbol, LayerStyle, StyleCategory, StyleRange, ThematicStyle } from '../../common/contract/index.js';
import { CimError } from '../../common/errors.js';

export const QGIS_VERSION_WRITTEN = '3.22.16-Białowieża';
const PX_PER_MM = 96 / 25.4;
const PX_PER_PT = 96 / 72;

/** What a .qml gives a layer: its classes and the style of the layer itself (single symbol). */
export interface QmlStyle {
  /** null: a single-symbol renderer (the layer's own fill and outline). */
  thematic: ThematicStyle | null;
  /** The fill and outline of the single symbol, or the source symbol (else the first class): the layer's own. */
  base: Pick<LayerStyle, 'fillColor' | 'fillOpacity' | 'strokeColor' | 'strokeWidthPx'>;
  /** Things of the file left out (another symbol layer kind, a hidden class), for the user. */
  notes: string[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['category', 'range', 'symbol', 'layer', 'Option', 'prop', 'renderer-v2']);

function parseXml(text: string, file: string): Node {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (err) {
    throw new CimError('style.qml_not_xml', { file, message: err instanceof Error ? err.message : String(err) });
  }
  const root = (doc as Node | undefined)?.qgis;
  if (typeof root !== 'object' || root === null) throw new CimError('style.qml_not_qgis', { file });
  return root as Node;
}

function list(node: unknown, key: string): Node[] {
  const v = (node as Node | undefined)?.[key];
  return Array.isArray(v) ? (v as Node[]) : [];
}

function attr(node: Node, name: string): string | undefined {
  const v = node[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** A symbol layer's properties: the `<Option type="Map">` of QGIS >= 3.16, or the older `<prop k v>`. */
function layerProps(layer: Node): Map<string, string> {
  const props = new Map<string, string>();
  for (const p of list(layer, 'prop')) {
    const k = attr(p, 'k');
    const v = attr(p, 'v');
    if (k !== undefined && v !== undefined) props.set(k, v);
  }
  for (const map of list(layer, 'Option')) {
    for (const o of list(map, 'Option')) {
      const k = attr(o, 'name');
      const v = attr(o, 'value');
      if (k !== undefined && v !== undefined) props.set(k, v);
    }
  }
  return props;
}

interface Rgba {
  hex: string;
  alpha: number;
}

function parseColour(value: string | undefined, file: string, where: string): Rgba | null {
  if (value === undefined) return null;
  // `r,g,b,a` (3.22); later versions append `,rgb:…` with floats, which we ignore
  const parts = value.split(',').slice(0, 4).map(Number);
  if (parts.length < 3 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
    throw new CimError('style.qml_bad_colour', { file, record: where, value });
  }
  const [r = 0, g = 0, b = 0, a = 255] = parts;
  const hex = `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`;
  return { hex, alpha: a / 255 };
}

function widthPx(value: string | undefined, unit: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const w = Number(value);
  if (!Number.isFinite(w) || w < 0) return undefined;
  switch (unit ?? 'MM') {
    case 'MM':
      return round(w * PX_PER_MM, 2);
    case 'Pixel':
      return round(w, 2);
    case 'Point':
      return round(w * PX_PER_PT, 2);
    default:
      return undefined;
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A `<symbol>` as our class symbol: its first enabled SimpleFill layer. */
function readSymbol(symbol: Node, file: string, notes: string[]): ClassSymbol {
  const name = attr(symbol, 'name') ?? '?';
  const layers = list(symbol, 'layer').filter((l) => attr(l, 'enabled') !== '0');
  const fill = layers.find((l) => attr(l, 'class') === 'SimpleFill');
  if (!fill) {
    const kinds = layers.map((l) => attr(l, 'class') ?? '?').join(', ') || '—';
    throw new CimError('style.qml_not_simple_fill', { file, symbol: name, kinds });
  }
  if (layers.length > 1) notes.push(`symbol ${name}: ${String(layers.length - 1)} more symbol layer(s) left out`);
  const props = layerProps(fill);
  const where = `symbol ${name}`;
  const colour = parseColour(props.get('color'), file, where) ?? { hex: '#808080', alpha: 1 };
  const outline = parseColour(props.get('outline_color'), file, where);
  const symbolAlpha = Number(attr(symbol, 'alpha') ?? '1');
  const opacity = props.get('style') === 'no' ? 0 : colour.alpha * (Number.isFinite(symbolAlpha) ? symbolAlpha : 1);
  const width =
    props.get('outline_style') === 'no' ? 0 : widthPx(props.get('outline_width'), props.get('outline_width_unit'));
  if (width === undefined && props.has('outline_width')) {
    notes.push(`symbol ${name}: outline width in ${props.get('outline_width_unit') ?? '?'} left out`);
  }
  return {
    colour: colour.hex,
    // to the hundredth: a stored opacity then survives the 1/255 steps of a QGIS colour both ways
    opacity: round(opacity, 2),
    ...(outline ? { outlineColour: outline.hex } : {}),
    ...(width !== undefined ? { outlineWidthPx: width } : {}),
  };
}

/** `attr="yddm"` or `attr="&quot;用地代码&quot;"`; any other expression is refused. */
function fieldOf(renderer: Node, file: string): string {
  const raw = (attr(renderer, 'attr') ?? '').trim();
  const quoted = /^"((?:[^"]|"")+)"$/.exec(raw);
  if (quoted?.[1]) return quoted[1].replaceAll('""', '"');
  if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(raw)) return raw;
  throw new CimError('style.qml_expression_field', { file, expression: raw });
}

const MODES: Record<string, NonNullable<ThematicStyle['classification']>['mode']> = {
  EqualInterval: 'equalInterval',
  Quantile: 'quantile',
  Jenks: 'jenks',
};

function symbolsOf(renderer: Node, file: string, notes: string[]): Map<string, ClassSymbol> {
  const out = new Map<string, ClassSymbol>();
  const symbols = renderer.symbols as Node | undefined;
  for (const s of list(symbols, 'symbol')) out.set(attr(s, 'name') ?? '', readSymbol(s, file, notes));
  return out;
}

function symbolFor(symbols: Map<string, ClassSymbol>, ref: string | undefined, file: string, record: string) {
  const s = symbols.get(ref ?? '');
  if (!s) throw new CimError('style.qml_missing_symbol', { file, record, symbol: ref ?? '' });
  return s;
}

function baseOf(s: ClassSymbol | undefined): QmlStyle['base'] {
  return {
    fillColor: s?.colour ?? '#808080',
    fillOpacity: s?.opacity ?? 1,
    strokeColor: s?.outlineColour ?? '#232323',
    strokeWidthPx: s?.outlineWidthPx ?? 1,
  };
}

/** The renderer's source symbol (what new classes start from): the layer's own fill and outline. */
function sourceSymbol(renderer: Node, file: string): ClassSymbol | undefined {
  const s = list(renderer['source-symbol'], 'symbol')[0];
  return s ? readSymbol(s, file, []) : undefined;
}

export function parseQml(text: string, file: string): QmlStyle {
  const root = parseXml(text, file);
  const renderer = list(root, 'renderer-v2')[0];
  if (!renderer) throw new CimError('style.qml_no_renderer', { file });
  const type = attr(renderer, 'type') ?? '';
  const notes: string[] = [];
  const symbols = symbolsOf(renderer, file, notes);
  const source = sourceSymbol(renderer, file);
  if (type === 'singleSymbol') {
    return { thematic: null, base: baseOf(symbols.values().next().value), notes };
  }
  if (type === 'categorizedSymbol') {
    const field = fieldOf(renderer, file);
    const categories: StyleCategory[] = [];
    list(renderer.categories, 'category').forEach((c, i) => {
      const record = `category ${String(i + 1)}`;
      if (attr(c, 'render') === 'false') notes.push(`${record}: hidden in QGIS, left out`);
      else {
        const value = attr(c, 'value') ?? '';
        // QGIS's empty category takes every value no other category takes
        categories.push({
          value: value === '' ? null : value,
          label: attr(c, 'label') ?? value,
          ...symbolFor(symbols, attr(c, 'symbol'), file, record),
        });
      }
    });
    if (categories.length === 0) throw new CimError('style.qml_no_classes', { file, renderer: type });
    return { thematic: { field, method: 'categorized', categories }, base: baseOf(source ?? categories[0]), notes };
  }
  if (type === 'graduatedSymbol') {
    const field = fieldOf(renderer, file);
    const ranges: StyleRange[] = [];
    list(renderer.ranges, 'range').forEach((r, i) => {
      const record = `range ${String(i + 1)}`;
      const lower = Number(attr(r, 'lower'));
      const upper = Number(attr(r, 'upper'));
      if (!Number.isFinite(lower) || !Number.isFinite(upper) || upper < lower) {
        throw new CimError('style.qml_bad_range', {
          file,
          record,
          lower: attr(r, 'lower') ?? '',
          upper: attr(r, 'upper') ?? '',
        });
      }
      if (attr(r, 'render') === 'false') notes.push(`${record}: hidden in QGIS, left out`);
      else {
        ranges.push({
          lower,
          upper,
          label: attr(r, 'label') ?? `${String(lower)} - ${String(upper)}`,
          ...symbolFor(symbols, attr(r, 'symbol'), file, record),
        });
      }
    });
    if (ranges.length === 0) throw new CimError('style.qml_no_classes', { file, renderer: type });
    ranges.sort((a, b) => a.lower - b.lower);
    const method = list(renderer, 'classificationMethod')[0] ?? (renderer.classificationMethod as Node | undefined);
    const mode = MODES[method ? (attr(method, 'id') ?? '') : ''] ?? 'stated';
    return {
      thematic: {
        field,
        method: 'graduated',
        ranges,
        // our own attribute (QGIS ignores it): the ramp the editor made the colours from
        classification: { mode, classes: ranges.length, ramp: attr(renderer, 'cim_ramp') ?? 'custom' },
      },
      base: baseOf(source ?? ranges[0]),
      notes,
    };
  }
  throw new CimError('style.qml_unsupported_renderer', { file, renderer: type });
}

// ---- writing ----

function esc(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\n', '&#xa;');
}

function qgisColour(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, Math.round(alpha * 255)].map(String).join(',');
}

/** A fill symbol as QGIS 3.22 writes it: the options map and the same as legacy props. */
function writeSymbol(name: string, s: ClassSymbol, layer: LayerStyle, indent: string): string {
  const widthPxValue = s.outlineWidthPx ?? layer.strokeWidthPx;
  const props: [string, string][] = [
    ['border_width_map_unit_scale', '3x:0,0,0,0,0,0'],
    ['color', qgisColour(s.colour, s.opacity ?? layer.fillOpacity)],
    ['joinstyle', 'bevel'],
    ['offset', '0,0'],
    ['offset_map_unit_scale', '3x:0,0,0,0,0,0'],
    ['offset_unit', 'MM'],
    ['outline_color', qgisColour(s.outlineColour ?? layer.strokeColor, 1)],
    ['outline_style', widthPxValue > 0 ? 'solid' : 'no'],
    ['outline_width', String(round(widthPxValue / PX_PER_MM, 4))],
    ['outline_width_unit', 'MM'],
    ['style', 'solid'],
  ];
  const i = indent;
  return [
    `${i}<symbol alpha="1" name="${esc(name)}" clip_to_extent="1" force_rhr="0" type="fill">`,
    `${i}  <layer class="SimpleFill" enabled="1" locked="0" pass="0">`,
    `${i}    <Option type="Map">`,
    ...props.map(([k, v]) => `${i}      <Option name="${k}" value="${esc(v)}" type="QString"/>`),
    `${i}    </Option>`,
    ...props.map(([k, v]) => `${i}    <prop k="${k}" v="${esc(v)}"/>`),
    `${i}  </layer>`,
    `${i}</symbol>`,
  ].join('\n');
}

const QML_MODE: Record<NonNullable<ThematicStyle['classification']>['mode'], string> = {
  equalInterval: 'EqualInterval',
  quantile: 'Quantile',
  jenks: 'Jenks',
  stated: 'Fixed',
};

/** QGIS's `attr`: a plain field name as is, anything else quoted as an expression column. */
function attrOf(field: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(field) ? field : `"${field.replaceAll('"', '""')}"`;
}

const GEOMETRY_CODE = { point: 0, line: 1, polygon: 2 } as const;

/**
 * The layer's style as a .qml QGIS 3.22 opens (Layer Properties → Style → Load Style):
 * categorised or graduated when the layer has those classes, a single symbol when it has
 * no thematic style. Other thematic kinds (rules, the land-use table, palettes) are refused:
 * turn them into categories in the style editor first.
 */
export function writeQml(style: LayerStyle, layerName: string, geometry: keyof typeof GEOMETRY_CODE = 'polygon') {
  const t = style.thematic ?? null;
  const base: ClassSymbol = {
    colour: style.fillColor,
    opacity: style.fillOpacity,
    outlineColour: style.strokeColor,
    outlineWidthPx: style.strokeWidthPx,
  };
  const head = `<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version="${QGIS_VERSION_WRITTEN}" styleCategories="Symbology">`;
  const tail = `  <blendMode>0</blendMode>\n  <featureBlendMode>0</featureBlendMode>\n  <layerGeometryType>${String(GEOMETRY_CODE[geometry])}</layerGeometryType>\n</qgis>\n`;
  let body: string;
  if (t === null) {
    body = [
      '  <renderer-v2 type="singleSymbol" forceraster="0" symbollevels="0" enableorderby="0" referencescale="-1">',
      '    <symbols>',
      writeSymbol('0', base, style, '      '),
      '    </symbols>',
      '  </renderer-v2>',
    ].join('\n');
  } else if (t.method === 'categorized') {
    const cats = t.categories ?? [];
    body = [
      `  <renderer-v2 type="categorizedSymbol" attr="${esc(attrOf(t.field))}" forceraster="0" symbollevels="0" enableorderby="0" referencescale="-1">`,
      '    <categories>',
      ...cats.map(
        (c, i) =>
          `      <category value="${esc(c.value === null ? '' : String(c.value))}" label="${esc(c.label)}" render="true" symbol="${String(i)}"/>`,
      ),
      '    </categories>',
      '    <symbols>',
      ...cats.map((c, i) => writeSymbol(String(i), c, style, '      ')),
      '    </symbols>',
      '    <source-symbol>',
      writeSymbol('0', base, style, '      '),
      '    </source-symbol>',
      '    <rotation/>',
      '    <sizescale/>',
      '  </renderer-v2>',
    ].join('\n');
  } else if (t.method === 'graduated') {
    const ranges = t.ranges ?? [];
    // full precision, as QGIS writes its bounds, so a round trip keeps every edge
    const num = (x: number): string => String(x);
    body = [
      `  <renderer-v2 type="graduatedSymbol" attr="${esc(attrOf(t.field))}" graduatedMethod="GraduatedColor" cim_ramp="${esc(t.classification?.ramp ?? 'custom')}" forceraster="0" symbollevels="0" enableorderby="0" referencescale="-1">`,
      '    <ranges>',
      ...ranges.map(
        (r, i) =>
          `      <range lower="${num(r.lower)}" upper="${num(r.upper)}" label="${esc(r.label)}" render="true" symbol="${String(i)}"/>`,
      ),
      '    </ranges>',
      '    <symbols>',
      ...ranges.map((r, i) => writeSymbol(String(i), r, style, '      ')),
      '    </symbols>',
      '    <source-symbol>',
      writeSymbol('0', base, style, '      '),
      '    </source-symbol>',
      `    <classificationMethod id="${QML_MODE[t.classification?.mode ?? 'stated']}">`,
      '      <symmetricMode enabled="0" astride="0" symmetrypoint="0"/>',
      '      <labelFormat labelprecision="4" trimtrailingzeroes="1" format="%1 - %2"/>',
      '    </classificationMethod>',
      '    <rotation/>',
      '    <sizescale/>',
      '  </renderer-v2>',
    ].join('\n');
  } else {
    throw new CimError('style.qml_export_unsupported', { layer: layerName, method: t.method });
  }
  return `${head}\n${body}\n${tail}`;
}
