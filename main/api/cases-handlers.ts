/**
 * Handlers of the case desk's calls (contract: cases.*), merged into the handler table.
 * Writes run through `write` (the job lock and one IMMEDIATE transaction), so a refused
 * workflow step changes nothing. Environment: node.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Input, Output } from '../../common/contract/index.js';
import { mergePackage, pendingConflicts, readPackage, resolveConflict, writePackage } from '../cases/package.js';
import { casePoints, queryCases } from '../cases/query.js';
import { readCaseStats } from '../cases/stats.js';
import { addNote, addPhoto, advanceCase, caseDetail, createCase, readPhoto } from '../cases/store.js';
import { casesAsOfMs } from '../cases/time.js';
import type { Db } from '../store/connection.js';
import { writeOutputFile } from '../store/files.js';

export interface CasesHandlerDeps {
  db(): Db;
  write<T>(fn: () => T): Promise<T>;
  now(): Date;
  workspacePath(): string;
}

type M =
  | 'cases.query'
  | 'cases.points'
  | 'cases.get'
  | 'cases.advance'
  | 'cases.note'
  | 'cases.create'
  | 'cases.addPhoto'
  | 'cases.photo'
  | 'cases.stats'
  | 'cases.conflicts'
  | 'cases.resolve'
  | 'cases.exportPackage'
  | 'cases.mergePackage';

export function createCasesHandlers(d: CasesHandlerDeps): { [K in M]: (input: Input<K>) => Promise<Output<K>> } {
  const ms = (): number => d.now().getTime();
  const asOf = (): number => casesAsOfMs(d.db(), ms());
  return {
    'cases.query': ({ sort, desc, offset, limit, ...filter }) =>
      Promise.resolve(queryCases(d.db(), filter, { sort, desc, offset, limit }, asOf())),
    'cases.points': (filter) => Promise.resolve(casePoints(d.db(), filter, asOf())),
    'cases.get': (i) => Promise.resolve(caseDetail(d.db(), i.caseId)),
    'cases.advance': (i) =>
      d.write(() => {
        advanceCase(d.db(), i, ms());
        return caseDetail(d.db(), i.caseId);
      }),
    'cases.note': (i) =>
      d.write(() => {
        addNote(d.db(), i.caseId, i.by, i.note, ms());
        return caseDetail(d.db(), i.caseId);
      }),
    'cases.create': (i) => d.write(() => caseDetail(d.db(), createCase(d.db(), i, ms(), randomUUID()).case_id)),
    'cases.addPhoto': (i) =>
      d.write(() => {
        const data = Buffer.from(i.base64, 'base64');
        addPhoto(d.db(), i.caseId, { data, contentType: i.contentType, note: i.note, by: i.by }, ms());
        return caseDetail(d.db(), i.caseId);
      }),
    'cases.photo': (i) => {
      const p = readPhoto(d.db(), i.id);
      return Promise.resolve({ contentType: p.contentType, base64: p.data.toString('base64') });
    },
    'cases.stats': (i) => Promise.resolve(readCaseStats(d.db(), i, asOf())),
    'cases.conflicts': () => Promise.resolve(pendingConflicts(d.db())),
    'cases.resolve': (i) => d.write(() => resolveConflict(d.db(), i.caseId, i.field, i.take, '值班长', ms())),
    'cases.exportPackage': async (i) => {
      const { out, ...filter } = i;
      const count = await writeOutputFile(out, (partial) =>
        writePackage(d.db(), partial, filter, path.basename(d.workspacePath()), ms()),
      );
      return { out: path.resolve(out), count };
    },
    'cases.mergePackage': (i) => {
      const pkg = readPackage(path.resolve(i.file));
      return d.write(() => mergePackage(d.db(), pkg, path.basename(i.file), ms()));
    },
  };
}
