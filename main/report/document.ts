/**
 * The one report shape every analysis fills (multi-plan review, illegal builds, case
 * statistics, sunlight, pipes…): a cover, then sections of headings, text, key facts,
 * tables, charts and maps. `write-pdf.ts` lays it out on A4 with the system CJK font; an
 * analysis only says what goes in. Maps come either as a PNG taken from the globe (a window
 * is open) or as features drawn from the data in Gauss-Krüger metres (the CLI).
 * Environment: node (plain data; a PNG is bytes).
 */
import type { ReportLang } from '../../common/contract/index.js';

export type { ReportLang };

interface ReportCover {
  title: string;
  subtitle?: string;
  /** Facts under the title: workspace, date, inputs, parameters. */
  facts: readonly (readonly [label: string, value: string])[];
}

interface ReportColumn {
  title: string;
  /** Share of the table's width (the columns' shares are normalised). */
  width?: number;
  align?: 'left' | 'right';
}

/** A polygon, line or point layer drawn on a data map, in the map's metric CRS. */
export interface MapLayer {
  /** Polygons: [rings][points][x, y]; lines: [parts][points]; points: [[x, y]]. */
  kind: 'polygon' | 'line' | 'point';
  items: readonly {
    coords: readonly (readonly (readonly [number, number])[])[];
    stroke: string;
    fill?: string | null;
    fillOpacity?: number;
    hatch?: boolean;
  }[];
}

export interface LegendItem {
  colour: string;
  label: string;
  hatch?: boolean;
}

export type ReportSection =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Smaller grey text: definitions, methods, what was left out. */
  | { kind: 'note'; text: string }
  | { kind: 'facts'; rows: readonly (readonly [label: string, value: string])[] }
  | {
      kind: 'table';
      columns: readonly ReportColumn[];
      rows: readonly (readonly (string | number | null)[])[];
      caption?: string;
    }
  | {
      kind: 'chart';
      chart: 'bar' | 'pie' | 'line';
      title: string;
      labels: readonly string[];
      /** Bars and pie slices take `colours` per value when given, else the series' colour or a palette. */
      series: readonly { name: string; values: readonly number[]; colour?: string; colours?: readonly string[] }[];
      unit?: string;
      /** A horizontal target line (e.g. 97 % on-time rate). */
      target?: { value: number; label: string };
    }
  | {
      kind: 'map';
      title: string;
      /** A PNG of the globe; else `layers` drawn from the data. */
      image?: Uint8Array;
      layers?: readonly MapLayer[];
      /** Extent to fit [minX, minY, maxX, maxY] in the layers' metres; default all layers. */
      extent?: readonly [number, number, number, number];
      legend?: readonly LegendItem[];
      /** The map's CRS as shown under it (`CGCS2000 / 3-degree Gauss-Kruger zone 38`). */
      crsLabel?: string;
    }
  | { kind: 'pageBreak' };

export interface ReportDoc {
  lang: ReportLang;
  cover: ReportCover;
  sections: readonly ReportSection[];
  /** Footer of every page (the workstation and the run). */
  footer?: string;
}
