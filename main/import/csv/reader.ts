/**
 * CSV with coordinate columns (papaparse): points, every column kept as a field (typed when
 * all its values are integers or numbers; codes with a leading zero stay text). The
 * encoding is detected as for a DBF (BOM, valid UTF-8, else GB18030 for Chinese-looking
 * bytes) unless overridden; the CRS must be chosen by the user unless the columns are
 * lon/lat by name and range. Environment: node.
 */
import fs from 'node:fs';
import Papa from 'papaparse';
import type { FieldDef, FieldType } from '../../../common/contract/index.js';
import { importError } from '../../../common/errors.js';
import { parseCrsChoice, type CrsChoice } from '../crs/source-crs.js';
import { layerNameFrom, uniqueFieldNames } from '../fields.js';
import { surveyedLayer, type RawFeature } from '../survey.js';
import { decodeText, detectEncoding, encodingLabel, overrideEncoding, type ChosenEncoding } from '../text-encoding.js';
import type { FormatReader, OpenedSource, ReadOptions, SourceFile } from '../types.js';
import { suggestCrs } from '../crs/suggest.js';
import { columnStats, guessColumns, inLonLatRange, isLonLatNamed } from './columns.js';

const SAMPLE_BYTES = 256 * 1024;

function chooseEncoding(bytes: Buffer, options: ReadOptions, file: string): ChosenEncoding {
  if (options.encoding) return overrideEncoding(options.encoding, file);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { name: 'utf8', source: 'detected' };
  return detectEncoding(bytes.subarray(0, SAMPLE_BYTES));
}

function fieldTypeOf(rows: readonly (readonly string[])[], index: number): FieldType {
  let type: FieldType | null = null;
  for (const row of rows) {
    const v = (row[index] ?? '').trim();
    if (v === '') continue;
    if (/^-?0\d/.test(v) || !Number.isFinite(Number(v))) return 'TEXT';
    type = Number.isSafeInteger(Number(v)) && /^-?\d+$/.test(v) && type !== 'REAL' ? 'INTEGER' : 'REAL';
  }
  return type ?? 'TEXT';
}

function columnIndex(header: readonly string[], name: string, file: string): number {
  const i = header.findIndex((h) => h.trim() === name.trim());
  if (i < 0) throw importError('csv_column_not_found', { file, column: name });
  return i;
}

function typed(v: string | undefined, type: FieldType): unknown {
  const t = (v ?? '').trim();
  if (type === 'TEXT') return v ?? null;
  if (t === '') return null;
  return Number(t);
}

async function open(file: SourceFile, options: ReadOptions): Promise<OpenedSource> {
  const bytes = fs.readFileSync(file.path);
  const encoding = chooseEncoding(bytes, options, file.fileName);
  const text = decodeText(bytes, encoding.name).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [first, ...rows] = parsed.data;
  if (!first || first.length < 2) throw importError('csv_no_columns', { file: file.fileName });
  const header: readonly string[] = first;
  const stats = header.map((_, i) => columnStats(rows, i));
  const guess =
    options.xColumn && options.yColumn
      ? {
          x: columnIndex(header, options.xColumn, file.fileName),
          y: columnIndex(header, options.yColumn, file.fileName),
        }
      : guessColumns(header, stats);
  const names = uniqueFieldNames(header);
  const types = header.map((_, i) => fieldTypeOf(rows, i));
  const fields: FieldDef[] = names.map((name, i) => ({ name, type: types[i] ?? 'TEXT' }));

  let crs: CrsChoice | null = options.crs ?? null;
  let suggested: string | null = null;
  if (guess) {
    const sx = stats[guess.x] ?? { numeric: false, min: 0, max: 0 };
    const sy = stats[guess.y] ?? { numeric: false, min: 0, max: 0 };
    if (!crs && isLonLatNamed(header[guess.x] ?? '', header[guess.y] ?? '') && inLonLatRange(sx, sy)) {
      crs = parseCrsChoice('EPSG:4326');
    }
    suggested = crs ? null : suggestCrs(sx, sy);
  }

  function* read(): Generator<RawFeature> {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? [];
      const record = i + 1;
      const values = types.map((t, k) => typed(row[k], t));
      const x = guess ? Number((row[guess.x] ?? '').trim() || NaN) : NaN;
      const y = guess ? Number((row[guess.y] ?? '').trim() || NaN) : NaN;
      const ok = Number.isFinite(x) && Number.isFinite(y);
      yield {
        record,
        geometry: ok ? { type: 'Point', coordinates: [x, y] } : null,
        values,
        repaired: ok ? (row.length !== header.length ? 'csv_row_length' : undefined) : 'no_coordinates',
      };
    }
  }

  const layer = surveyedLayer(
    file.fileName,
    {
      sourceLayer: layerNameFrom(file.fileName),
      suggestedName: layerNameFrom(file.fileName),
      fields,
      crs: guess ? crs : null,
      suggestedCrs: suggested,
      encoding: encodingLabel(encoding.name),
      columns: {
        x: guess ? (header[guess.x] ?? null) : null,
        y: guess ? (header[guess.y] ?? null) : null,
        all: [...header],
      },
      warnings: guess ? [] : ['csv_no_coordinates'],
    },
    read,
  );
  return Promise.resolve({ format: 'csv' as const, layers: [layer], close: () => undefined });
}

export const csvReader: FormatReader = { format: 'csv', extensions: ['.csv', '.txt', '.tsv'], open };
