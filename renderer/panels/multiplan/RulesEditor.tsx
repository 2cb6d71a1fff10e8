import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictRule } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';

interface RulesEditorProps {
  notifyError: (err: unknown) => void;
}

const KINDS: ConflictRule['kind'][] = ['overlap', 'outside', 'mismatch'];
const SEVERITIES: ConflictRule['severity'][] = ['high', 'medium', 'low'];

function base64Of(bytes: ArrayBuffer): string {
  let text = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) text += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(text);
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The workspace's conflict rules as an editable table, in priority order; CSV in and out. */
export function RulesEditor({ notifyError }: RulesEditorProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [rules, setRules] = useState<ConflictRule[]>([]);
  const [dirty, setDirty] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api.invoke('rules.list', {}).then(setRules, notifyError);
  }, [api, notifyError]);

  const edit = (index: number, patch: Partial<ConflictRule>): void => {
    setRules((current) => current.map((r, i) => (i === index ? { ...r, ...patch } : r)));
    setDirty(true);
  };
  const move = (index: number, step: -1 | 1): void => {
    setRules((current) => {
      const next = [...current];
      const [rule] = next.splice(index, 1);
      if (rule) next.splice(index + step, 0, rule);
      return next;
    });
    setDirty(true);
  };
  const saved = (list: ConflictRule[]): void => {
    setRules(list);
    setDirty(false);
    void message.success(t('multiplan.rules.saved', { count: list.length }));
  };
  const act = (call: () => Promise<ConflictRule[]>): void => void call().then(saved, notifyError);

  const text = (index: number, key: 'id' | 'classA' | 'classB' | 'reasonZh' | 'reasonEn') => (value: string) => (
    <Input
      size="small"
      value={value}
      data-testid={`rule-${String(index)}-${key}`}
      onChange={(e) => edit(index, { [key]: e.target.value })}
    />
  );

  return (
    <div data-testid="rules-editor">
      <Typography.Paragraph type="secondary">{t('multiplan.rules.hint')}</Typography.Paragraph>
      <Space wrap className="cim-multiplan-actions">
        <Button
          icon={<PlusOutlined />}
          onClick={() => {
            setRules((r) => [
              ...r,
              {
                id: `U${String(r.length + 1)}`,
                kind: 'overlap',
                classA: 'group:construction',
                classB: '*',
                severity: 'medium',
                reasonZh: '',
                reasonEn: '',
              },
            ]);
            setDirty(true);
          }}
        >
          {t('multiplan.rules.add')}
        </Button>
        <Button
          type="primary"
          disabled={!dirty}
          data-testid="rules-save"
          onClick={() => act(() => api.invoke('rules.save', { rules }))}
        >
          {t('multiplan.rules.save')}
        </Button>
        <Button onClick={() => act(() => api.invoke('rules.reset', {}))}>{t('multiplan.rules.reset')}</Button>
        <Button data-testid="rules-import" onClick={() => fileInput.current?.click()}>
          {t('multiplan.rules.import')}
        </Button>
        <Button
          onClick={() =>
            void api.invoke('rules.exportCsv', {}).then((r) => {
              download('conflict-rules.csv', r.csv);
              void message.success(t('multiplan.rules.exported'));
            }, notifyError)
          }
        >
          {t('multiplan.rules.export')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="rules-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            act(async () =>
              api.invoke('rules.importCsv', { fileName: file.name, base64: base64Of(await file.arrayBuffer()) }),
            );
          }}
        />
      </Space>
      <Table<ConflictRule>
        size="small"
        rowKey={(_r, i) => String(i)}
        pagination={false}
        // rule columns wide enough to read a pattern; the table scrolls sideways instead
        scroll={{ x: 1000, y: 320 }}
        dataSource={rules}
        columns={[
          {
            title: t('multiplan.rules.id'),
            dataIndex: 'id',
            width: 70,
            render: (v: string, _r, i) => text(i, 'id')(v),
          },
          {
            title: t('multiplan.rules.kind'),
            dataIndex: 'kind',
            width: 110,
            render: (v: ConflictRule['kind'], _r, i) => (
              <Select
                size="small"
                value={v}
                onChange={(kind) => edit(i, { kind })}
                options={KINDS.map((k) => ({ value: k, label: t(`multiplan.kinds.${k}`) }))}
              />
            ),
          },
          {
            title: t('multiplan.rules.classA'),
            dataIndex: 'classA',
            width: 200,
            render: (v: string, _r, i) => text(i, 'classA')(v),
          },
          {
            title: t('multiplan.rules.classB'),
            dataIndex: 'classB',
            width: 200,
            render: (v: string, _r, i) => text(i, 'classB')(v),
          },
          {
            title: t('multiplan.rules.severity'),
            dataIndex: 'severity',
            width: 90,
            render: (v: ConflictRule['severity'], _r, i) => (
              <Select
                size="small"
                value={v}
                onChange={(severity) => edit(i, { severity })}
                options={SEVERITIES.map((s) => ({ value: s, label: t(`multiplan.severity.${s}`) }))}
              />
            ),
          },
          {
            title: t('multiplan.rules.reasonZh'),
            dataIndex: 'reasonZh',
            width: 220,
            render: (v: string, _r, i) => text(i, 'reasonZh')(v),
          },
          {
            title: '',
            key: 'actions',
            width: 100,
            render: (_v, _r, i) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  title={t('multiplan.rules.up')}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  title={t('multiplan.rules.down')}
                  disabled={i === rules.length - 1}
                  onClick={() => move(i, 1)}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  title={t('multiplan.rules.remove')}
                  onClick={() => {
                    setRules((r) => r.filter((_x, k) => k !== i));
                    setDirty(true);
                  }}
                />
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
