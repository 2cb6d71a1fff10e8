import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../../common/contract/index.js';

vi.mock('electron', () => ({ app: {}, dialog: {}, Menu: {} }));

const { buildMenuTemplate, menuLocaleFor } = await import('../../../main/app/menu.js');
const { defaultRegistry } = await import('../../../main/analysis/registry.js');

type Call = MenuCommand | 'newWorkspace' | 'openWorkspace' | 'toggleDevTools' | 'quit' | `locale:${string}`;

function template(locale: 'zh-CN' | 'en') {
  const calls: Call[] = [];
  const items = buildMenuTemplate(
    locale,
    {
      send: (command) => calls.push(command),
      newWorkspace: () => calls.push('newWorkspace'),
      openWorkspace: () => calls.push('openWorkspace'),
      setLocale: (next) => calls.push(`locale:${next}`),
      toggleDevTools: () => calls.push('toggleDevTools'),
      quit: () => calls.push('quit'),
    },
    defaultRegistry().info(),
  );
  return { items, calls };
}

/** Every clickable item as [path of labels, item]. */
function leaves(items: MenuItemConstructorOptions[], prefix = ''): [string, MenuItemConstructorOptions][] {
  return items.flatMap((item) => {
    const label = `${prefix}${item.label ?? ''}`;
    if (Array.isArray(item.submenu)) return leaves(item.submenu, `${label} > `);
    return item.click ? [[label, item] as [string, MenuItemConstructorOptions]] : [];
  });
}

/** The items outside the Analysis menu (which the registry fills; tested on its own). */
function withoutAnalyses(items: Record<string, Call[]>, prefix: string): Record<string, Call[]> {
  return Object.fromEntries(Object.entries(items).filter(([label]) => !label.startsWith(prefix)));
}

function clickAll(locale: 'zh-CN' | 'en'): Record<string, Call[]> {
  const { items, calls } = template(locale);
  const result: Record<string, Call[]> = {};
  for (const [label, item] of leaves(items)) {
    calls.length = 0;
    (item.click as () => void)();
    result[label] = [...calls];
  }
  return result;
}

describe('the application menu', () => {
  it('is Chinese by default and each item does its one thing', () => {
    expect(withoutAnalyses(clickAll('zh-CN'), '分析 > ')).toEqual({
      '文件 > 新建工作空间…': ['newWorkspace'],
      '文件 > 打开工作空间…': ['openWorkspace'],
      '文件 > 打开示范城区': ['demo.open'],
      '文件 > 导入…': ['import'],
      '文件 > 导出…': ['export'],
      '文件 > 退出': ['quit'],
      '视图 > 2D/3D': ['view.toggle2d3d'],
      '视图 > 全图': ['view.home'],
      '视图 > 城管案件台…': ['cases.desk'],
      '视图 > 语言 > 中文': ['locale:zh-CN'],
      '视图 > 语言 > English': ['locale:en'],
      '视图 > 开发者工具': ['toggleDevTools'],
      '演示 > 书签…  Ctrl+Shift+B': ['present.bookmarks'],
      '演示 > 收藏当前视图  Ctrl+D': ['present.addBookmark'],
      '演示 > 播放浏览路线  F5': ['present.start'],
      '演示 > 双图层对比  Ctrl+Shift+L': ['present.compare'],
      '演示 > 导出图片…  Ctrl+Shift+S': ['present.screenshot'],
      '帮助 > 欢迎页': ['help.welcome'],
      '帮助 > 关于': ['help.about'],
    });
  });

  it('has the same items in English', () => {
    expect(Object.keys(withoutAnalyses(clickAll('en'), 'Analysis > '))).toEqual([
      'File > New workspace…',
      'File > Open workspace…',
      'File > Open the demo city',
      'File > Import…',
      'File > Export…',
      'File > Quit',
      'View > 2D/3D',
      'View > Full extent',
      'View > Case desk…',
      'View > Language > 中文',
      'View > Language > English',
      'View > Developer tools',
      'Present > Bookmarks…  Ctrl+Shift+B',
      'Present > Bookmark this view  Ctrl+D',
      'Present > Present the tour  F5',
      'Present > Compare two layers  Ctrl+Shift+L',
      'Present > Export a picture…  Ctrl+Shift+S',
      'Help > Welcome',
      'Help > About',
    ]);
  });

  it('lists every analysis with a panel under 分析/Analysis, in registry order, each opening its own panel', () => {
    const withPanel = defaultRegistry()
      .info()
      .filter((a) => a.panel)
      .map((a) => `analysis.${a.kind}`);
    expect(withPanel).toContain('analysis.multiplan');
    for (const [locale, prefix] of [
      ['zh-CN', '分析 > '],
      ['en', 'Analysis > '],
    ] as const) {
      const analyses = Object.entries(clickAll(locale)).filter(([label]) => label.startsWith(prefix));
      expect(analyses.map(([, calls]) => calls)).toEqual(withPanel.map((c) => [c]));
      // A label, not a locale key, for every item.
      for (const [label] of analyses) expect(label).not.toMatch(/analysis\./);
    }
    expect(clickAll('zh-CN')['分析 > 多规合一审查…']).toEqual(['analysis.multiplan']);
    expect(clickAll('en')['Analysis > Multi-plan review…']).toEqual(['analysis.multiplan']);
  });

  it('checks the current language', () => {
    const checked = (locale: 'zh-CN' | 'en') =>
      leaves(template(locale).items)
        .filter(([, item]) => item.checked)
        .map(([label]) => label);
    expect(checked('zh-CN')).toEqual(['视图 > 语言 > 中文']);
    expect(checked('en')).toEqual(['View > Language > English']);
  });

  it.each([
    ['en-US', 'en'],
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['de-DE', 'zh-CN'],
    ['', 'zh-CN'],
  ])('reads the system locale %s as %s', (system, locale) => {
    expect(menuLocaleFor(system)).toBe(locale);
  });
});
