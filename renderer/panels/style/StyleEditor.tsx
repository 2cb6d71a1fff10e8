import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Checkbox,
  ColorPicker,
  Drawer,
  Input,
  InputNumber,
  Segmented,
  Select,
  Slider,
  Space,
  Table,
  Tooltip,
} from 'antd';
import type { AggregationColor } from 'antd/es/color-picker/color';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ClassSymbol,
  FieldSummary,
  LayerEntry,
  RuleCondition,
  StyleRule,
  ThematicStyle,
} from '../../../common/contract/index.js';
import { fieldLabel } from '../../../layers/field-aliases.js';
import { CLASS_MODES, RAMP_NAMES, rampColours, type ClassMode, type RampName } from '../../../layers/classify.js';
import { useApi } from '../../app/api-context.js';
import type { LayerPatch } from '../../app/use-layers.js';
import {
  categoriesFromSummary,
  draftOf,
  editableThematic,
  isRamp,
  parseEdges,
  rangesFromEdges,
  rendererOf,
  withFillOpacity,
  withOutline,
  type RendererKind,
  type StyleDraft,
} from '../../style/style-model.js';
import { resolveThematic } from '../../style/thematic.js';

interface StyleEditorProps {
  entry: LayerEntry;
  /** Shows a draft on the globe at once, unsaved. */
  onPreview: (patch: LayerPatch) => void;
  /** Saves the style in the workspace. */
  onSave: (patch: LayerPatch) => Promise<void>;
  /** After a .qml import (the back end saved it): the saved layer. */
  onImported: (entry: LayerEntry) => void;
  notifyError: (err: unknown) => void;
  onClose: () => void;
}

function hexOf(color: AggregationColor): string {
  return `#${color.toHex().slice(0, 6)}`;
}

const RENDERERS: RendererKind[] = ['single', 'categorized', 'graduated', 'rules'];
const OPS: RuleCondition['op'][] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'];
const NUMERIC = new Set(['INTEGER', 'REAL']);

interface ClassRow {
  key: number;
  symbol: ClassSymbol;
  what: string;
  label: string;
  count: number | null;
}

function Swatches({ ramp }: { ramp: RampName }) {
  return (
    <span className="cim-ramp">
      {rampColours(ramp, 7).map((c, i) => (
        <span key={i} style={{ background: c }} />
      ))}
    </span>
  );
}

/**
 * The layer's style editor (QGIS's symbology page): single symbol, categorised, graduated
 * (equal interval, quantile, natural breaks, stated) and rule-based; fill opacity and
 * outline; .qml in and out. Every change shows on the globe at once; 应用 saves it.
 */
export function StyleEditor({ entry, onPreview, onSave, onImported, notifyError, onClose }: StyleEditorProps) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const original = useRef(draftOf(entry.style));
  const [draft, setDraftState] = useState<StyleDraft>(() => draftOf(entry.style));
  const [ramp, setRamp] = useState<RampName>(() => {
    const r = entry.style.thematic?.classification?.ramp ?? '';
    return isRamp(r) ? r : 'YlOrRd';
  });
  const [mode, setMode] = useState<ClassMode>(entry.style.thematic?.classification?.mode ?? 'jenks');
  const [classes, setClasses] = useState(entry.style.thematic?.classification?.classes ?? 5);
  const [edgesText, setEdgesText] = useState('');
  const [summary, setSummary] = useState<FieldSummary | null>(null);
  /** Features per range from the last classify, while the ranges are the ones it made. */
  const [rangeCounts, setRangeCounts] = useState<{ edges: number[]; counts: number[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const renderer = rendererOf(draft.thematic);
  const thematic = draft.thematic ?? null;
  const field = thematic?.field ?? entry.fields[0]?.name ?? '';

  const setDraft = (next: StyleDraft): void => {
    setDraftState(next);
    onPreview({ style: next });
  };

  // an older palette style opens as the classes it draws
  useEffect(() => {
    const t0 = entry.style.thematic;
    if (!t0 || !['landuse', 'categories', 'ramp'].includes(t0.method)) return;
    let live = true;
    void api
      .invoke('layers.fieldSummary', { name: entry.name, field: t0.field })
      .then((s) => {
        if (!live) return;
        const editable = editableThematic(t0, resolveThematic(t0, s, i18n.language));
        setDraftState((d) => ({ ...d, thematic: { ...editable, hatch: t0.hatch } }));
      })
      .catch(notifyError);
    return () => {
      live = false;
    };
  }, [api, entry.name, entry.style.thematic, i18n.language, notifyError]);

  useEffect(() => {
    if (!thematic) return;
    let live = true;
    void api
      .invoke('layers.fieldSummary', { name: entry.name, field: thematic.field })
      .then((s) => live && setSummary(s))
      .catch(() => live && setSummary(null));
    return () => {
      live = false;
    };
  }, [api, entry.name, thematic?.field, thematic]);

  const fieldOptions = entry.fields.map((f) => ({
    value: f.name,
    label: `${fieldLabel(f.name, i18n.language, f.alias)}${f.alias ? ` (${f.name})` : ''}`,
  }));
  const numericFields = fieldOptions.filter((o) =>
    NUMERIC.has(entry.fields.find((f) => f.name === o.value)?.type ?? ''),
  );

  const switchRenderer = (kind: RendererKind): void => {
    if (kind === 'single') return setDraft({ ...draft, thematic: null });
    if (kind === 'categorized')
      return setDraft({ ...draft, thematic: { field, method: 'categorized', categories: [] } });
    if (kind === 'graduated') {
      const f = numericFields.some((o) => o.value === field) ? field : (numericFields[0]?.value ?? field);
      return setDraft({
        ...draft,
        thematic: { field: f, method: 'graduated', ranges: [], classification: { mode, classes, ramp } },
      });
    }
    setDraft({
      ...draft,
      thematic: {
        field,
        method: 'rules',
        rules: [{ label: t('style.elseRule'), conditions: [], else: true, colour: draft.fillColor }],
      },
    });
  };

  /** Classes with the layer's current opacity and outline on each, as QGIS's classify does. */
  const symbolDefaults = {
    opacity: draft.fillOpacity,
    outlineColour: draft.strokeColor,
    outlineWidthPx: draft.strokeWidthPx,
  };

  const classify = async (): Promise<void> => {
    if (!thematic) return;
    setBusy(true);
    try {
      if (thematic.method === 'categorized') {
        const s = await api.invoke('layers.fieldSummary', { name: entry.name, field: thematic.field });
        setSummary(s);
        const categories = categoriesFromSummary(s, ramp).map((c) => ({ ...c, ...symbolDefaults }));
        setDraft({ ...draft, thematic: { ...thematic, categories } });
      } else if (thematic.method === 'graduated') {
        const edges = mode === 'stated' ? parseEdges(edgesText) : undefined;
        const r = await api.invoke('styles.classify', {
          name: entry.name,
          field: thematic.field,
          mode,
          classes,
          ...(edges ? { edges } : {}),
        });
        if (r.edges.length < 2) {
          void message.warning(t('style.noNumbers', { field: thematic.field }));
          return;
        }
        const ranges = rangesFromEdges(r.edges, ramp).map((x) => ({ ...x, ...symbolDefaults }));
        setRangeCounts({ edges: r.edges, counts: r.counts });
        setDraft({
          ...draft,
          thematic: { ...thematic, ranges, classification: { mode, classes: ranges.length, ramp } },
        });
      }
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const setThematic = (next: ThematicStyle): void => setDraft({ ...draft, thematic: next });

  const rows: ClassRow[] = useMemo(() => {
    if (!thematic) return [];
    const counts = new Map((summary?.values ?? []).map((v) => [String(v.value), v.count]));
    if (thematic.method === 'categorized') {
      return (thematic.categories ?? []).map((c, i) => ({
        key: i,
        symbol: c,
        what: c.value === null ? t('style.otherValues') : String(c.value),
        label: c.label,
        count: c.value === null ? null : (counts.get(String(c.value)) ?? 0),
      }));
    }
    if (thematic.method === 'graduated') {
      const ranges = thematic.ranges ?? [];
      const same =
        rangeCounts !== null &&
        rangeCounts.edges.length === ranges.length + 1 &&
        ranges.every((r, i) => r.lower === rangeCounts.edges[i] && r.upper === rangeCounts.edges[i + 1]);
      return ranges.map((r, i) => ({
        key: i,
        symbol: r,
        what: `${String(r.lower)} – ${String(r.upper)}`,
        label: r.label,
        count: same ? (rangeCounts.counts[i] ?? null) : null,
      }));
    }
    return [];
  }, [thematic, summary, rangeCounts, t]);

  const updateClass = (index: number, patch: Partial<ClassSymbol> & { label?: string }): void => {
    if (!thematic) return;
    if (thematic.method === 'categorized') {
      setThematic({
        ...thematic,
        categories: (thematic.categories ?? []).map((c, i) => (i === index ? { ...c, ...patch } : c)),
      });
    } else if (thematic.method === 'graduated') {
      setThematic({
        ...thematic,
        ranges: (thematic.ranges ?? []).map((c, i) => (i === index ? { ...c, ...patch } : c)),
      });
    }
  };
  const removeClass = (index: number): void => {
    if (!thematic) return;
    if (thematic.method === 'categorized') {
      setThematic({ ...thematic, categories: (thematic.categories ?? []).filter((_, i) => i !== index) });
    } else if (thematic.method === 'graduated') {
      setThematic({ ...thematic, ranges: (thematic.ranges ?? []).filter((_, i) => i !== index) });
    }
  };

  const rules = thematic?.method === 'rules' ? (thematic.rules ?? []) : [];
  const setRules = (next: StyleRule[]): void => {
    if (thematic) setThematic({ ...thematic, rules: next });
  };
  const updateRule = (index: number, patch: Partial<StyleRule>): void =>
    setRules(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const updateCondition = (index: number, patch: Partial<RuleCondition>): void => {
    const rule = rules[index];
    const c = rule?.conditions[0] ?? { field, op: 'eq' as const, value: '' };
    if (rule) updateRule(index, { conditions: [{ ...c, ...patch }] });
  };

  const importQml = async (file: File): Promise<void> => {
    setBusy(true);
    try {
      const { layer, notes } = await api.invoke('styles.importQml', {
        name: entry.name,
        qml: await file.text(),
        file: file.name,
      });
      original.current = draftOf(layer.style);
      setDraftState(draftOf(layer.style));
      const r = layer.style.thematic?.classification;
      if (r) {
        setMode(r.mode);
        setClasses(r.classes);
      }
      onImported(layer);
      void message.success(t('style.imported', { file: file.name, count: notes.length }));
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const exportQml = async (): Promise<void> => {
    try {
      // the saved style is what is written: save the draft first
      await onSave({ style: draft });
      original.current = draft;
      const { qml, fileName } = await api.invoke('styles.exportQml', { name: entry.name });
      const url = URL.createObjectURL(new Blob([qml], { type: 'application/xml;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      URL.revokeObjectURL(url);
      void message.success(t('style.exported', { file: fileName }));
    } catch (err) {
      notifyError(err);
    }
  };

  const cancel = (): void => {
    onPreview({ style: original.current });
    onClose();
  };

  const apply = async (): Promise<void> => {
    setBusy(true);
    try {
      await onSave({ style: draft });
      original.current = draft;
      onClose();
    } finally {
      setBusy(false);
    }
  };

  const exportable = renderer === 'single' || thematic?.method === 'categorized' || thematic?.method === 'graduated';

  return (
    <Drawer
      open
      mask={false}
      placement="right"
      // 460 px on a wide screen, 40 % of a projector's 1024 so the globe stays in view
      size={Math.round(Math.min(460, Math.max(360, window.innerWidth * 0.4)))}
      title={t('style.title', { layer: entry.title })}
      onClose={cancel}
      rootClassName="cim-style-editor"
      footer={
        <Space wrap>
          <input
            ref={fileInput}
            type="file"
            accept=".qml"
            hidden
            data-testid="style-qml-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importQml(f);
            }}
          />
          <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()} data-testid="style-import">
            {t('style.importQml')}
          </Button>
          <Tooltip title={exportable ? '' : t('style.exportRulesHint')}>
            <Button
              icon={<DownloadOutlined />}
              disabled={!exportable}
              onClick={() => void exportQml()}
              data-testid="style-export"
            >
              {t('style.exportQml')}
            </Button>
          </Tooltip>
          <Button onClick={cancel} data-testid="style-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => void apply()} data-testid="style-apply">
            {t('style.apply')}
          </Button>
        </Space>
      }
    >
      <div className="cim-style-form" data-testid="style-editor">
        <Segmented
          block
          value={renderer}
          data-testid="style-renderer"
          options={RENDERERS.map((r) => ({ value: r, label: t(`style.renderer.${r}`) }))}
          onChange={(v) => switchRenderer(v)}
        />
        {thematic && thematic.method !== 'rules' && (
          <label className="cim-field">
            <span>{t('style.field')}</span>
            <Select
              size="small"
              showSearch
              data-testid="style-field"
              value={thematic.field}
              options={thematic.method === 'graduated' ? numericFields : fieldOptions}
              onChange={(f: string) =>
                setThematic({
                  ...thematic,
                  field: f,
                  categories: thematic.categories && [],
                  ranges: thematic.ranges && [],
                })
              }
            />
          </label>
        )}
        {thematic && thematic.method !== 'rules' && (
          <label className="cim-field">
            <span>{t('style.ramp')}</span>
            <Select
              size="small"
              data-testid="style-ramp"
              value={ramp}
              options={RAMP_NAMES.map((r) => ({
                value: r,
                label: (
                  <Space size={6}>
                    <Swatches ramp={r} />
                    {r}
                  </Space>
                ),
              }))}
              onChange={(r: RampName) => setRamp(r)}
            />
          </label>
        )}
        {thematic?.method === 'graduated' && (
          <Space wrap size="small" className="cim-style-row">
            <span>{t('style.mode')}</span>
            <Select
              size="small"
              style={{ width: 150 }}
              data-testid="style-mode"
              value={mode}
              options={CLASS_MODES.map((m) => ({ value: m, label: t(`style.modes.${m}`) }))}
              onChange={(m: ClassMode) => setMode(m)}
            />
            {mode === 'stated' ? (
              <Input
                size="small"
                style={{ width: 170 }}
                data-testid="style-edges"
                placeholder={t('style.edgesHint')}
                value={edgesText}
                onChange={(e) => setEdgesText(e.target.value)}
              />
            ) : (
              <InputNumber
                size="small"
                min={1}
                max={30}
                value={classes}
                data-testid="style-classes"
                prefix={t('style.classes')}
                style={{ width: 110 }}
                onChange={(n) => n !== null && setClasses(n)}
              />
            )}
          </Space>
        )}
        {thematic && thematic.method !== 'rules' && (
          <Button
            size="small"
            type="primary"
            ghost
            loading={busy}
            onClick={() => void classify()}
            data-testid="style-classify"
          >
            {t('style.classify')}
          </Button>
        )}
        {thematic && thematic.method !== 'rules' && (
          <Table<ClassRow>
            size="small"
            data-testid="style-classes-table"
            pagination={false}
            scroll={{ y: 260 }}
            dataSource={rows}
            locale={{ emptyText: t('style.noClasses') }}
            columns={[
              {
                key: 'colour',
                width: 44,
                render: (_, row) => (
                  <ColorPicker
                    size="small"
                    disabledAlpha
                    value={row.symbol.colour}
                    onChangeComplete={(c) => updateClass(row.key, { colour: hexOf(c) })}
                  />
                ),
              },
              {
                key: 'what',
                title: thematic.method === 'graduated' ? t('style.range') : t('style.value'),
                dataIndex: 'what',
                ellipsis: true,
              },
              {
                key: 'label',
                title: t('style.label'),
                render: (_, row) => (
                  <Input
                    size="small"
                    variant="borderless"
                    value={row.label}
                    onChange={(e) => updateClass(row.key, { label: e.target.value })}
                  />
                ),
              },
              {
                key: 'count',
                title: t('style.count'),
                dataIndex: 'count',
                width: 64,
                align: 'right',
                render: (n: number | null) => n ?? '',
              },
              {
                key: 'x',
                width: 32,
                render: (_, row) => (
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('common.remove')}
                    onClick={() => removeClass(row.key)}
                  />
                ),
              },
            ]}
          />
        )}
        {thematic?.method === 'rules' && (
          <div className="cim-style-rules" data-testid="style-rules">
            {rules.map((r, i) => {
              const c = r.conditions[0];
              return (
                <div className="cim-style-rule" key={i}>
                  <ColorPicker
                    size="small"
                    disabledAlpha
                    value={r.colour}
                    onChangeComplete={(col) => updateRule(i, { colour: hexOf(col) })}
                  />
                  <Input
                    size="small"
                    style={{ width: 110 }}
                    value={r.label}
                    onChange={(e) => updateRule(i, { label: e.target.value })}
                  />
                  {r.else ? (
                    <span className="cim-muted">{t('style.elseRule')}</span>
                  ) : (
                    <>
                      <Select
                        size="small"
                        style={{ width: 100 }}
                        value={c?.field ?? field}
                        options={fieldOptions}
                        onChange={(f: string) => updateCondition(i, { field: f })}
                      />
                      <Select
                        size="small"
                        style={{ width: 58 }}
                        value={c?.op ?? 'eq'}
                        options={OPS.map((o) => ({ value: o, label: t(`style.ops.${o}`) }))}
                        onChange={(op: RuleCondition['op']) => updateCondition(i, { op })}
                      />
                      <Input
                        size="small"
                        style={{ width: 70 }}
                        value={c ? String(c.value) : ''}
                        onChange={(e) => {
                          const v = e.target.value;
                          const n = Number(v);
                          updateCondition(i, { value: v.trim() !== '' && Number.isFinite(n) ? n : v });
                        }}
                      />
                    </>
                  )}
                  <Button
                    size="small"
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('common.remove')}
                    onClick={() => setRules(rules.filter((_, j) => j !== i))}
                  />
                </div>
              );
            })}
            <Space>
              <Button
                size="small"
                icon={<PlusOutlined />}
                data-testid="style-add-rule"
                onClick={() =>
                  // new rules go before the ELSE rule: the first rule that holds wins
                  setRules([
                    ...rules.filter((r) => !r.else),
                    {
                      label: t('style.newRule', { n: rules.length + 1 }),
                      conditions: [{ field, op: 'eq', value: '' }],
                      colour: rampColours('Set2', rules.length + 1)[rules.length] ?? '#66c2a5',
                      ...symbolDefaults,
                    },
                    ...rules.filter((r) => r.else),
                  ])
                }
              >
                {t('style.addRule')}
              </Button>
              <Checkbox
                checked={rules.some((r) => r.else)}
                onChange={(e) =>
                  setRules(
                    e.target.checked
                      ? [
                          ...rules,
                          {
                            label: t('style.elseRule'),
                            conditions: [],
                            else: true,
                            colour: '#c8c8c8',
                            ...symbolDefaults,
                          },
                        ]
                      : rules.filter((r) => !r.else),
                  )
                }
              >
                {t('style.elseRule')}
              </Checkbox>
            </Space>
          </div>
        )}
        {renderer === 'single' && (
          <Space size="small" className="cim-style-row">
            <span>{t('layers.fill')}</span>
            <ColorPicker
              size="small"
              disabledAlpha
              value={draft.fillColor}
              onChangeComplete={(c) => setDraft({ ...draft, fillColor: hexOf(c) })}
            />
          </Space>
        )}
        <label className="cim-field" data-testid="style-fill-opacity">
          <span>{t('layers.fillOpacity')}</span>
          <Slider
            min={0}
            max={100}
            value={Math.round(draft.fillOpacity * 100)}
            onChange={(v) => setDraft(withFillOpacity(draft, v / 100))}
          />
        </label>
        <Space size="small" className="cim-style-row">
          <span>{t('style.outline')}</span>
          <ColorPicker
            size="small"
            disabledAlpha
            value={draft.strokeColor}
            onChangeComplete={(c) => setDraft(withOutline(draft, { colour: hexOf(c) }))}
          />
          <InputNumber
            size="small"
            min={0}
            max={20}
            step={0.5}
            value={draft.strokeWidthPx}
            suffix="px"
            style={{ width: 80 }}
            data-testid="style-outline-width"
            onChange={(v) => v !== null && setDraft(withOutline(draft, { widthPx: v }))}
          />
        </Space>
      </div>
    </Drawer>
  );
}
