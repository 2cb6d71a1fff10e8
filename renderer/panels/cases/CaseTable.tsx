import { Input, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../../common/contract/index.js';
import { CASE_MAJORS, CASE_STATUS_COLOURS, type CaseStatus } from '../../../layers/cases.js';
import { CASE_STATES } from '../../../layers/case-workflow.js';
import type { CaseSort, CasesModel } from './use-cases.js';

const SORTABLE: Record<string, CaseSort> = {
  caseId: 'caseId',
  categoryName: 'category',
  status: 'status',
  street: 'street',
  reportedAt: 'reportedAt',
  deadlineAt: 'deadlineAt',
};

export function statusColour(status: string): string {
  return status in CASE_STATUS_COLOURS ? CASE_STATUS_COLOURS[status as CaseStatus] : '#616161';
}

/** The case list: search and filters over the whole workspace, sorted and paged by the back end. */
export function CaseTable({
  model,
  streets,
  onPick,
}: {
  model: CasesModel;
  streets: readonly string[];
  onPick: (row: CaseRow) => void;
}) {
  const { t } = useTranslation();
  const { filter, setFilter } = model;
  const columns: TableProps<CaseRow>['columns'] = [
    { key: 'caseId', dataIndex: 'caseId', title: t('cases.col.caseId'), width: 150, sorter: true },
    {
      key: 'categoryName',
      title: t('cases.col.category'),
      width: 150,
      sorter: true,
      render: (_, r) => (
        <span>
          <Tag color={r.kind === '部件' ? 'geekblue' : 'volcano'}>{r.kind}</Tag>
          {r.categoryName}
        </span>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('cases.col.status'),
      width: 90,
      sorter: true,
      render: (s: string, r) => (
        <span>
          <Tag color={statusColour(s)}>{t(`enums.status.${s}`, { defaultValue: s })}</Tag>
          {r.overdue && <Tag color="red">{t('cases.overdue')}</Tag>}
        </span>
      ),
    },
    { key: 'street', dataIndex: 'street', title: t('cases.col.street'), width: 110, sorter: true },
    { key: 'address', dataIndex: 'address', title: t('cases.col.address'), width: 200, ellipsis: true },
    {
      key: 'reportedAt',
      dataIndex: 'reportedAt',
      title: t('cases.col.reported'),
      width: 150,
      sorter: true,
      defaultSortOrder: 'descend',
      render: (v: string) => v.slice(0, 16).replace('T', ' '),
    },
    {
      key: 'deadlineAt',
      dataIndex: 'deadlineAt',
      title: t('cases.col.deadline'),
      width: 150,
      sorter: true,
      render: (v: string | null) => (v ? v.slice(0, 16).replace('T', ' ') : '—'),
    },
  ];
  return (
    <div data-testid="cases-table">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          data-testid="cases-search"
          placeholder={t('cases.search')}
          style={{ width: 220 }}
          onSearch={(text) => setFilter({ ...filter, text: text || undefined })}
        />
        <Select
          allowClear
          data-testid="cases-filter-category"
          placeholder={t('cases.filter.category')}
          style={{ width: 170 }}
          value={filter.category ?? null}
          onChange={(v: string | null) => setFilter({ ...filter, category: v ?? undefined })}
          options={CASE_MAJORS.map((m) => ({ value: `${m.kind}${m.code}`, label: `${m.kind} ${m.code} ${m.name}` }))}
        />
        <Select
          mode="multiple"
          allowClear
          data-testid="cases-filter-status"
          placeholder={t('cases.filter.status')}
          style={{ minWidth: 160 }}
          value={filter.status ?? []}
          onChange={(v: (typeof CASE_STATES)[number][]) => setFilter({ ...filter, status: v.length ? v : undefined })}
          options={CASE_STATES.map((s) => ({ value: s, label: t(`enums.status.${s}`, { defaultValue: s }) }))}
        />
        <Select
          allowClear
          data-testid="cases-filter-street"
          placeholder={t('cases.filter.street')}
          style={{ width: 130 }}
          value={filter.street ?? null}
          onChange={(v: string | null) => setFilter({ ...filter, street: v ?? undefined })}
          options={streets.map((s) => ({ value: s, label: s }))}
        />
        <Space size={4}>
          <Switch
            size="small"
            data-testid="cases-filter-overdue"
            checked={filter.overdueOnly === true}
            onChange={(on) => setFilter({ ...filter, overdueOnly: on || undefined })}
          />
          {t('cases.filter.overdue')}
        </Space>
      </Space>
      <Table<CaseRow>
        size="small"
        rowKey="uuid"
        virtual
        scroll={{ x: 1000, y: 380 }}
        loading={model.loading}
        columns={columns}
        dataSource={model.rows}
        onRow={(r) => ({ onClick: () => onPick(r), 'data-testid': `case-row-${r.caseId}` }) as object}
        rowClassName={(r) => (r.caseId === model.detail?.case.caseId ? 'ant-table-row-selected' : '')}
        pagination={{
          current: model.page.offset / model.page.limit + 1,
          pageSize: model.page.limit,
          total: model.count,
          showSizeChanger: false,
          showTotal: (n) => t('cases.total', { count: n }),
          onChange: (p) => model.setPage({ offset: (p - 1) * model.page.limit, limit: model.page.limit }),
        }}
        onChange={(_, __, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const by = SORTABLE[String(s?.columnKey ?? 'reportedAt')] ?? 'reportedAt';
          model.setSort({ by, desc: s?.order !== 'ascend' });
        }}
      />
    </div>
  );
}
