/**
 * The case desk (数字城管): cases, their history and photos, workflow actions, statistics
 * and the offline hand-over (case packages and the conflicts their merge leaves).
 * Environment: common.
 */
import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATES, CHECK_RESULTS } from '../../layers/case-workflow.js';
import { call } from './call.js';
import { BBoxLonLat } from './shared.js';

const CaseState = z.enum(CASE_STATES);
export const CaseAction = z.enum(CASE_ACTIONS);
export const CheckResult = z.enum(CHECK_RESULTS);
const CaseKindSchema = z.enum(['部件', '事件']);

/** One case as the desk shows it (times ISO 8601 as stored, 北京时间 for the demo city). */
export const CaseRow = z.object({
  fid: z.number().int(),
  uuid: z.string(),
  version: z.number().int(),
  caseId: z.string(),
  kind: z.string(),
  majorCode: z.string(),
  majorName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string(),
  reportedAt: z.string(),
  status: z.string(),
  source: z.string(),
  street: z.string(),
  community: z.string(),
  dept: z.string(),
  assignee: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  heightM: z.number().nullable(),
  checkResult: z.string().nullable(),
  updatedAt: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export const CaseHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().nullable(),
});
export type CaseHistoryEntry = z.infer<typeof CaseHistoryEntry>;

export const CasePhoto = z.object({
  id: z.number().int(),
  contentType: z.string(),
  takenAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CasePhoto = z.infer<typeof CasePhoto>;

const Iso = z.string().min(4).max(40);

/** A filter of the desk, the globe and `cim cases query` alike. */
export const CaseFilter = z
  .object({
    bbox: BBoxLonLat.optional(),
    from: Iso.optional().describe('reported at or after (ISO 8601 or a date)'),
    to: Iso.optional().describe('reported before'),
    category: z.string().max(8).optional().describe('大类 (2 digits) or 小类 (4 digits) code'),
    kind: CaseKindSchema.optional(),
    status: z.array(CaseState).optional(),
    dept: z.string().optional(),
    street: z.string().optional(),
    assignee: z.string().optional(),
    overdueOnly: z.boolean().optional(),
    text: z.string().max(200).optional().describe('case number, address or description contains'),
  })
  .strict();
export type CaseFilter = z.infer<typeof CaseFilter>;

const CASE_SORTS = ['reportedAt', 'caseId', 'status', 'category', 'street', 'deadlineAt'] as const;

const CaseQuery = CaseFilter.extend({
  sort: z.enum(CASE_SORTS).default('reportedAt'),
  desc: z.boolean().default(true),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(0).max(5000).default(200),
}).strict();

export const CaseAdvance = z
  .object({
    caseId: z.string().min(1),
    to: CaseAction,
    by: z.string().min(1).max(60),
    note: z.string().max(2000).optional(),
    assignee: z.string().max(100).optional(),
    result: CheckResult.optional(),
    /** The version the person saw: a newer one in the workspace refuses the action. */
    version: z.number().int().optional(),
  })
  .strict();
export type CaseAdvance = z.infer<typeof CaseAdvance>;

export const CaseCreate = z
  .object({
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    heightM: z.number().min(0).max(1000).optional(),
    kind: CaseKindSchema,
    categoryCode: z.string().regex(/^\d{4}$/),
    description: z.string().min(1).max(2000),
    address: z.string().max(200).optional(),
    source: z.string().max(20).optional(),
    by: z.string().min(1).max(60),
  })
  .strict();
export type CaseCreate = z.infer<typeof CaseCreate>;

const Count = z.record(z.string(), z.number().int());

export const CaseStats = z.object({
  total: z.number().int(),
  byStatus: Count,
  byCategory: Count,
  byStreet: Count,
  byMonth: Count,
  /** 按时核查率: checked by the deadline / checked (null when none was checked). */
  onTimeRate: z.number().nullable(),
  checked: z.number().int(),
  checkedOnTime: z.number().int(),
  /** 结案率: closed / registered (立案). */
  closureRate: z.number().nullable(),
  registered: z.number().int(),
  closed: z.number().int(),
  /** Open cases (派遣, 处置) past their deadline at `asOf`. */
  overdue: z.number().int(),
  target: z.number(),
  asOf: z.string(),
  hotspots: z.array(z.object({ community: z.string(), street: z.string(), count: z.number().int() })),
});
export type CaseStats = z.infer<typeof CaseStats>;

export const MergeConflict = z.object({
  case: z.string(),
  uuid: z.string(),
  field: z.string(),
  base: z.string().nullable(),
  ours: z.string().nullable(),
  theirs: z.string().nullable(),
});
export type MergeConflict = z.infer<typeof MergeConflict>;

export const MergeSummary = z.object({
  applied: z.number().int(),
  added: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.array(MergeConflict),
});
export type MergeSummary = z.infer<typeof MergeSummary>;

const CaseDetail = z.object({ case: CaseRow, history: z.array(CaseHistoryEntry), photos: z.array(CasePhoto) });

export const casesCalls = {
  'cases.query': call(CaseQuery, z.object({ count: z.number().int(), rows: z.array(CaseRow) })),
  'cases.get': call(z.object({ caseId: z.string().min(1) }).strict(), CaseDetail),
  'cases.advance': call(CaseAdvance, CaseDetail, true),
  'cases.note': call(
    z.object({ caseId: z.string().min(1), by: z.string().min(1).max(60), note: z.string().min(1).max(2000) }).strict(),
    CaseDetail,
    true,
  ),
  'cases.create': call(CaseCreate, CaseDetail, true),
  'cases.addPhoto': call(
    z
      .object({
        caseId: z.string().min(1),
        contentType: z.enum(['image/jpeg', 'image/png']),
        base64: z.string().min(4).max(8_000_000),
        note: z.string().max(500).optional(),
        by: z.string().min(1).max(60),
      })
      .strict(),
    CaseDetail,
    true,
  ),
  'cases.photo': call(
    z.object({ id: z.number().int() }).strict(),
    z.object({ contentType: z.string(), base64: z.string() }),
  ),
  'cases.stats': call(z.object({ from: Iso.optional(), to: Iso.optional() }).strict(), CaseStats),
  'cases.conflicts': call(z.object({}).strict(), z.array(MergeConflict)),
  'cases.resolve': call(
    z.object({ caseId: z.string().min(1), field: z.string().min(1), take: z.enum(['ours', 'theirs']) }).strict(),
    z.object({ resolved: MergeConflict, remaining: z.number().int() }),
    true,
  ),
  'cases.exportPackage': call(
    z
      .object({
        out: z.string().min(1),
        bbox: BBoxLonLat.optional(),
        street: z.string().optional(),
        dept: z.string().optional(),
        assignee: z.string().optional(),
      })
      .strict(),
    z.object({ out: z.string(), count: z.number().int() }),
  ),
  'cases.mergePackage': call(z.object({ file: z.string().min(1) }).strict(), MergeSummary, true),
} as const;
