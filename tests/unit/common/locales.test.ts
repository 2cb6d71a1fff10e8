import { describe, expect, it } from 'vitest';
import { lookupText, mergeLocaleFiles } from '../../../common/locales.js';
import { loadCatalog } from '../../../main/i18n/catalog.js';

describe('locale files', () => {
  it('merges a namespace with its domain parts, by language', () => {
    const r = mergeLocaleFiles([
      ['x/locales/en/ui/cases.json', { cases: { title: 'Cases' }, menu: { cases: 'Case desk' } }],
      ['x/locales/en/ui.json', { menu: { file: 'File' } }],
      ['x/locales/zh-CN/ui.json', { menu: { file: '文件' } }],
    ]);
    expect(r.en?.ui).toEqual({ menu: { file: 'File', cases: 'Case desk' }, cases: { title: 'Cases' } });
    expect(lookupText(r['zh-CN']?.ui, 'menu.file')).toBe('文件');
    expect(lookupText(r.en?.ui, 'menu')).toBeUndefined();
  });
  it('refuses one key defined by two files', () => {
    expect(() =>
      mergeLocaleFiles([
        ['locales/en/ui.json', { a: { b: 'one' } }],
        ['locales/en/ui/x.json', { a: { b: 'two' } }],
      ]),
    ).toThrow(/en\/ui\.a\.b/);
  });
  it('reads the real files the same way for the command line', () => {
    expect(lookupText(loadCatalog('zh-CN', 'errors'), 'import.truncated_json')).toMatch(/截断|不完整|中断/);
    expect(lookupText(loadCatalog('en', 'ui'), 'menu.file')).toBe('File');
  });
});
