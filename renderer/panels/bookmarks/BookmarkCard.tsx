import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CameraOutlined,
  DeleteOutlined,
  EnvironmentOutlined,
} from '@ant-design/icons';
import { Button, Input, InputNumber, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bookmark } from '../../../common/contract/index.js';
import type { BookmarksModel } from '../../presentation/use-bookmarks.js';

interface BookmarkCardProps {
  bookmark: Bookmark;
  index: number;
  count: number;
  model: BookmarksModel;
  onPresentFrom: (index: number) => void;
}

/** One bookmark: its thumbnail, name, tour settings and what can be done with it. */
export function BookmarkCard({ bookmark: b, index, count, model, onPresentFrom }: BookmarkCardProps) {
  const { t } = useTranslation();
  const shown = b.layers?.filter((l) => l.visible).length;
  return (
    <li className="cim-bookmark" data-testid={`bookmark-${String(index)}`} data-bookmark-id={b.id}>
      {b.thumbnailPng ? (
        <img className="cim-bookmark-thumb" src={`data:image/png;base64,${b.thumbnailPng}`} alt={b.title} />
      ) : (
        <div className="cim-bookmark-thumb" />
      )}
      <div>
        <Typography.Text
          strong
          data-testid="bookmark-title"
          editable={{
            triggerType: ['icon', 'text'],
            tooltip: t('bookmarks.rename'),
            onChange: (title) => {
              if (title.trim() !== '' && title !== b.title) void model.rename(b.id, title.trim());
            },
          }}
        >
          {b.title}
        </Typography.Text>
        <div className="cim-bookmark-meta">
          {shown === undefined ? t('bookmarks.layersUnknown') : t('bookmarks.layersShown', { count: shown })}
          {b.epoch !== null ? ` · ${t('epoch.value', { epoch: b.epoch })}` : ''}
          {b.results.length > 0 ? ` · ${t('bookmarks.results', { count: b.results.length })}` : ''}
        </div>
        <Input
          size="small"
          placeholder={t('bookmarks.caption')}
          aria-label={t('bookmarks.caption')}
          defaultValue={b.caption}
          data-testid="bookmark-caption"
          onBlur={(e) => {
            if (e.target.value !== b.caption) void model.setStop(b.id, { caption: e.target.value });
          }}
          onPressEnter={(e) => e.currentTarget.blur()}
        />
        <Space size={4} wrap style={{ marginTop: 4 }}>
          <InputNumber
            size="small"
            min={0}
            max={60}
            step={0.5}
            value={b.flyDurationS}
            aria-label={t('bookmarks.flyDuration')}
            prefix={t('bookmarks.fly')}
            suffix={t('bookmarks.seconds')}
            style={{ width: 130 }}
            onChange={(v) => v !== null && void model.setStop(b.id, { flyDurationS: v })}
          />
          <InputNumber
            size="small"
            min={0}
            max={600}
            value={b.pauseS}
            aria-label={t('bookmarks.pauseDuration')}
            prefix={t('bookmarks.pause')}
            suffix={t('bookmarks.seconds')}
            style={{ width: 130 }}
            onChange={(v) => v !== null && void model.setStop(b.id, { pauseS: v })}
          />
        </Space>
        <Space size={2} style={{ marginTop: 4 }}>
          <Tooltip title={t('bookmarks.show')}>
            <Button
              size="small"
              icon={<EnvironmentOutlined />}
              aria-label={t('bookmarks.show')}
              data-testid="bookmark-show"
              onClick={() => void model.show(b)}
            />
          </Tooltip>
          <Button size="small" data-testid="bookmark-present" onClick={() => onPresentFrom(index)}>
            {t('bookmarks.presentFrom')}
          </Button>
          <Tooltip title={t('bookmarks.retake')}>
            <Button
              size="small"
              icon={<CameraOutlined />}
              aria-label={t('bookmarks.retake')}
              data-testid="bookmark-retake"
              onClick={() => void model.retake(b.id)}
            />
          </Tooltip>
          <Tooltip title={t('bookmarks.up')}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t('bookmarks.up')}
              data-testid="bookmark-up"
              disabled={index === 0}
              onClick={() => void model.move(b.id, -1)}
            />
          </Tooltip>
          <Tooltip title={t('bookmarks.down')}>
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t('bookmarks.down')}
              data-testid="bookmark-down"
              disabled={index === count - 1}
              onClick={() => void model.move(b.id, 1)}
            />
          </Tooltip>
          <Popconfirm
            title={t('bookmarks.removeConfirm', { title: b.title })}
            okText={t('bookmarks.remove')}
            cancelText={t('common.cancel')}
            onConfirm={() => void model.remove(b.id)}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('bookmarks.remove')}
              data-testid="bookmark-remove"
            />
          </Popconfirm>
        </Space>
      </div>
    </li>
  );
}
