import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Drawer, Empty, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookmarksModel } from '../../presentation/use-bookmarks.js';
import { BookmarkCard } from './BookmarkCard.js';

interface PresentOptions {
  index: number;
  autoplay: boolean;
  loop: boolean;
}

interface BookmarksPanelProps {
  model: BookmarksModel;
  onPresent: (options: PresentOptions) => void;
  onClose: () => void;
}

/**
 * The workspace's bookmarks, in tour order: take the current view, show one, retake,
 * rename, reorder, set the tour's flight, pause and caption per stop, and present. A
 * drawer without a mask, so the globe stays usable while views are taken.
 */
export function BookmarksPanel({ model, onPresent, onClose }: BookmarksPanelProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [autoplay, setAutoplay] = useState(false);
  const [loop, setLoop] = useState(false);
  const [adding, setAdding] = useState(false);
  const { bookmarks, refresh } = model;
  // opened again after a while: another window or the command line may have changed them
  useEffect(() => void refresh(), [refresh]);

  const add = async (): Promise<void> => {
    setAdding(true);
    try {
      const name = title.trim() === '' ? t('bookmarks.defaultTitle', { n: bookmarks.length + 1 }) : title.trim();
      if (await model.add(name)) setTitle('');
    } finally {
      setAdding(false);
    }
  };

  return (
    <Drawer
      open
      mask={false}
      size={420}
      title={t('bookmarks.title')}
      onClose={onClose}
      data-testid="bookmarks-panel"
      rootClassName="cim-bookmarks-drawer"
    >
      <Space.Compact style={{ width: '100%' }}>
        <Input
          placeholder={t('bookmarks.newTitle')}
          aria-label={t('bookmarks.newTitle')}
          value={title}
          maxLength={200}
          data-testid="bookmark-new-title"
          onChange={(e) => setTitle(e.target.value)}
          onPressEnter={() => void add()}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          loading={adding}
          data-testid="bookmark-add"
          onClick={() => void add()}
        >
          {t('bookmarks.add')}
        </Button>
      </Space.Compact>
      <Space style={{ margin: '10px 0' }} wrap>
        <Button
          icon={<PlayCircleOutlined />}
          disabled={bookmarks.length === 0}
          data-testid="tour-present"
          onClick={() => onPresent({ index: 0, autoplay, loop })}
        >
          {t('bookmarks.present')}
        </Button>
        <Checkbox checked={autoplay} data-testid="tour-autoplay" onChange={(e) => setAutoplay(e.target.checked)}>
          {t('bookmarks.autoplay')}
        </Checkbox>
        <Checkbox checked={loop} data-testid="tour-loop" onChange={(e) => setLoop(e.target.checked)}>
          {t('bookmarks.loop')}
        </Checkbox>
      </Space>
      {bookmarks.length === 0 ? (
        <Empty description={t('bookmarks.empty')} />
      ) : (
        <ol className="cim-bookmark-list" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {bookmarks.map((b, index) => (
            <BookmarkCard
              key={`${String(b.id)}-${b.updatedAt}`}
              bookmark={b}
              index={index}
              count={bookmarks.length}
              model={model}
              onPresentFrom={(i) => onPresent({ index: i, autoplay, loop })}
            />
          ))}
        </ol>
      )}
    </Drawer>
  );
}
