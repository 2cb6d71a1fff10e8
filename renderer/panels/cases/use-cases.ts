/**
 * The case desk's state: the filter and the page of the table, the case open in the panel
 * (details, history, photos), the statistics and the pending merge conflicts. It owns the
 * calls; the views only render.
 */
import { useCallback, useEffect, useState } from 'react';
import type {
  CaseAdvance,
  CaseFilter,
  CaseRow,
  CaseStats,
  Input,
  MergeConflict,
  Output,
  WorkstationApi,
} from '../../../common/contract/index.js';

type CaseDetailValue = Output<'cases.get'>;
export type CaseSort = NonNullable<Input<'cases.query'>['sort']>;

export interface CasesModel {
  filter: CaseFilter;
  setFilter: (f: CaseFilter) => void;
  sort: { by: CaseSort; desc: boolean };
  setSort: (s: { by: CaseSort; desc: boolean }) => void;
  page: { offset: number; limit: number };
  setPage: (p: { offset: number; limit: number }) => void;
  rows: CaseRow[];
  count: number;
  loading: boolean;
  detail: CaseDetailValue | null;
  open: (caseId: string | null) => void;
  advance: (input: Omit<CaseAdvance, 'caseId' | 'version'>) => Promise<void>;
  note: (by: string, note: string) => Promise<void>;
  addPhoto: (by: string, file: File) => Promise<void>;
  stats: CaseStats | null;
  loadStats: (window: { from?: string; to?: string }) => void;
  conflicts: MergeConflict[];
  resolve: (c: MergeConflict, take: 'ours' | 'theirs') => Promise<void>;
  refresh: () => void;
}

export function useCases(api: WorkstationApi, notifyError: (err: unknown) => void): CasesModel {
  const [filter, setFilterState] = useState<CaseFilter>({});
  const [sort, setSort] = useState<{ by: CaseSort; desc: boolean }>({ by: 'reportedAt', desc: true });
  const [page, setPage] = useState({ offset: 0, limit: 100 });
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [count, setCount] = useState(0);
  const [loading, setLoading] = useState(false);
  const [detail, setDetail] = useState<CaseDetailValue | null>(null);
  const [stats, setStats] = useState<CaseStats | null>(null);
  const [conflicts, setConflicts] = useState<MergeConflict[]>([]);
  const [revision, setRevision] = useState(0);

  const setFilter = useCallback((f: CaseFilter) => {
    setFilterState(f);
    setPage((p) => ({ ...p, offset: 0 }));
  }, []);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .invoke('cases.query', { ...filter, sort: sort.by, desc: sort.desc, offset: page.offset, limit: page.limit })
      .then((r) => {
        if (!live) return;
        setRows(r.rows);
        setCount(r.count);
      }, notifyError)
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, filter, sort, page, revision, notifyError]);

  useEffect(() => {
    api.invoke('cases.conflicts', {}).then(setConflicts, notifyError);
  }, [api, revision, notifyError]);

  const open = useCallback(
    (caseId: string | null) => {
      if (caseId === null) {
        setDetail(null);
        return;
      }
      api.invoke('cases.get', { caseId }).then(setDetail, notifyError);
    },
    [api, notifyError],
  );

  const advance = useCallback(
    async (input: Omit<CaseAdvance, 'caseId' | 'version'>) => {
      if (!detail) return;
      const next = await api.invoke('cases.advance', {
        ...input,
        caseId: detail.case.caseId,
        version: detail.case.version,
      });
      setDetail(next);
      refresh();
    },
    [api, detail, refresh],
  );

  const note = useCallback(
    async (by: string, text: string) => {
      if (!detail) return;
      setDetail(await api.invoke('cases.note', { caseId: detail.case.caseId, by, note: text }));
      refresh();
    },
    [api, detail, refresh],
  );

  const addPhoto = useCallback(
    async (by: string, file: File) => {
      if (!detail) return;
      const bytes = new Uint8Array(await file.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const contentType = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
      setDetail(
        await api.invoke('cases.addPhoto', { caseId: detail.case.caseId, by, contentType, base64: btoa(binary) }),
      );
      refresh();
    },
    [api, detail, refresh],
  );

  const loadStats = useCallback(
    (window: { from?: string; to?: string }) => {
      api.invoke('cases.stats', window).then(setStats, notifyError);
    },
    [api, notifyError],
  );

  const resolve = useCallback(
    async (c: MergeConflict, take: 'ours' | 'theirs') => {
      await api.invoke('cases.resolve', { caseId: c.uuid, field: c.field, take });
      refresh();
    },
    [api, refresh],
  );

  return {
    filter,
    setFilter,
    sort,
    setSort,
    page,
    setPage,
    rows,
    count,
    loading,
    detail,
    open,
    advance,
    note,
    addPhoto,
    stats,
    loadStats,
    conflicts,
    resolve,
    refresh,
  };
}
