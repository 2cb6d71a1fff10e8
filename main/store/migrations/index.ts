/** Numbered schema migrations, applied in order; each has a test upgrading from the one before. */
import type { Database } from 'better-sqlite3';
import * as m001 from './001-gpkg-core.js';
import * as m002 from './002-workspace.js';
import * as m003 from './003-tiled-layers.js';
import * as m004 from './004-conflict-rules.js';
import * as m005 from './005-cases.js';
import * as m006 from './006-field-aliases.js';
import * as m009 from './009-change-reviews.js';
import * as m010 from './010-bookmarks.js';
import * as m011 from './011-change-review-cases.js';

export interface Migration {
  version: number;
  up(db: Database): void;
}

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m009, m010, m011];
/** The highest version, not the count: numbers follow issues and leave gaps. */
export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
