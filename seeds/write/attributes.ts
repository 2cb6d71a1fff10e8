/**
 * GeoPackage attribute tables (OGC 12-128r18 §2.4): a plain table with an INTEGER primary
 * key, registered in gpkg_contents with data_type 'attributes' so GDAL and QGIS list it.
 */
import type { FieldDef } from '../../common/contract/index.js';
import type { Db } from '../../main/store/connection.js';
import { FID_COLUMN, quoteIdent } from '../../main/store/feature-table.js';

export interface AttributeTableSpec {
  name: string;
  title: string;
  fields: readonly FieldDef[];
}

export function createAttributeTable(db: Db, spec: AttributeTableSpec): (values: readonly unknown[]) => void {
  const cols = spec.fields.map((f) => `${quoteIdent(f.name)} ${f.type}`);
  db.exec(
    `CREATE TABLE ${quoteIdent(spec.name)} (${FID_COLUMN} INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, ${cols.join(', ')})`,
  );
  db.prepare(
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
  ).run(spec.name, spec.name, spec.title);
  const insert = db.prepare(
    `INSERT INTO ${quoteIdent(spec.name)} (${spec.fields.map((f) => quoteIdent(f.name)).join(', ')}) VALUES (${spec.fields.map(() => '?').join(', ')})`,
  );
  return (values) => {
    insert.run(...values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null))));
  };
}
