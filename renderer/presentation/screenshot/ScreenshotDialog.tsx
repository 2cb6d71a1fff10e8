import { Alert, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerEntry } from '../../../common/contract/index.js';
import { compactLength } from '../../format/units.js';
import type { MapController } from '../../map/controller.js';
import type { LegendEntry } from '../../map/types.js';
import { legendBlocks } from '../legend-lines.js';
import { canvasPng, saveBlob } from '../save-file.js';
import { composeScreenshot } from './compose.js';

const SCALES = [1, 2, 4] as const;

interface ScreenshotDialogProps {
  controller: MapController | null;
  legend: LegendEntry[];
  layers: LayerEntry[];
  defaultTitle: string;
  notifyError: (err: unknown) => void;
  onClose: () => void;
}

/** File name safe on every system: the title's letters and digits, and the date. */
function fileNameOf(title: string, date: Date): string {
  const stem = title.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'map';
  return `${stem}_${date.toISOString().slice(0, 10)}.png`;
}

/** Exports the view as a PNG at 1×, 2× or 4× with title, legend, scale, north arrow, date and credits. */
export function ScreenshotDialog({
  controller,
  legend,
  layers,
  defaultTitle,
  notifyError,
  onClose,
}: ScreenshotDialogProps) {
  const { t, i18n } = useTranslation();
  const [title, setTitle] = useState(defaultTitle);
  const [scale, setScale] = useState<(typeof SCALES)[number]>(2);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ width: number; height: number; blob: Blob } | null>(null);

  const render = async (): Promise<Blob | null> => {
    if (!controller) return null;
    setBusy(true);
    try {
      const { frame, cssWidth, metresPerPixel, headingDeg } = await controller.presentation().capture(scale);
      const now = new Date();
      const shownTitles = layers.filter((l) => l.visible).map((l) => l.title);
      const picture = composeScreenshot(frame, {
        title,
        date: now.toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric' }),
        legend: legendBlocks(legend, layers, i18n.language),
        metresPerPixel,
        cssWidth,
        headingDeg,
        credits: t('screenshot.credits', { layers: shownTitles.join('、') }),
        formatLength: (m) => {
          const q = compactLength(m);
          return `${q.value} ${t(`units.${q.unit}`)}`;
        },
      });
      const blob = await canvasPng(picture);
      setMade({ width: picture.width, height: picture.height, blob });
      return blob;
    } catch (err) {
      notifyError(err);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const save = async (): Promise<void> => {
    const blob = await render();
    if (blob) saveBlob(blob, fileNameOf(title, new Date()));
  };

  const copy = async (): Promise<void> => {
    const blob = made?.blob ?? (await render());
    if (!blob) return;
    try {
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <Modal open title={t('screenshot.title')} onCancel={onClose} footer={null} data-testid="screenshot-dialog">
      <Form layout="vertical">
        <Form.Item label={t('screenshot.mapTitle')}>
          <Input
            value={title}
            maxLength={120}
            data-testid="screenshot-title"
            onChange={(e) => setTitle(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('screenshot.scale')}>
          <Radio.Group value={scale} onChange={(e) => setScale(e.target.value as (typeof SCALES)[number])}>
            {SCALES.map((s) => (
              <Radio.Button key={s} value={s} data-testid={`screenshot-scale-${String(s)}`}>
                {`${String(s)}×`}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('screenshot.contents')} style={{ marginBottom: 12 }} />
      <Space>
        <Button type="primary" loading={busy} data-testid="screenshot-save" onClick={() => void save()}>
          {t('screenshot.save')}
        </Button>
        <Button disabled={busy} data-testid="screenshot-copy" onClick={() => void copy()}>
          {t('screenshot.copy')}
        </Button>
        {made && (
          <span data-testid="screenshot-size" data-width={made.width} data-height={made.height}>
            {t('screenshot.size', { width: made.width, height: made.height })}
          </span>
        )}
      </Space>
    </Modal>
  );
}
