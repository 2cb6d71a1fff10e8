import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeJoin, safeJoinDecoded, safeRelativePath } from '../../../main/api/safe-path.js';

const root = path.resolve('/srv/cim/renderer');

describe('safeJoin', () => {
  it.each([
    ['index.html', 'index.html'],
    ['assets/index-3f2a.js', 'assets/index-3f2a.js'],
    ['Cesium/Workers/createGeometry.js', 'Cesium/Workers/createGeometry.js'],
    ['tiles/%E5%BB%BA%E7%AD%91/0/0/0.glb', 'tiles/建筑/0/0/0.glb'],
    ['a%20b.png', 'a b.png'],
    ['..hidden-but-legal.txt', '..hidden-but-legal.txt'],
    ['%252e%252e/x', '%2e%2e/x'],
  ])('maps %s inside the root', (urlPath, relative) => {
    expect(safeJoin(root, urlPath)).toBe(path.join(root, ...relative.split('/')));
  });

  it.each([
    ['empty', ''],
    ['parent', '..'],
    ['parent segment', 'assets/../../etc/passwd'],
    ['encoded parent', '%2e%2e/etc/passwd'],
    ['encoded parent, mixed case', '%2E%2e/%2e%2E/secret'],
    ['encoded separator and parent', '..%2f..%2fetc%2fpasswd'],
    ['encoded separator leading', '%2Fetc%2Fpasswd'],
    ['absolute', '/etc/passwd'],
    ['double slash', 'assets//index.js'],
    ['trailing slash', 'assets/'],
    ['dot segment', './index.html'],
    ['backslash', 'assets\\index.js'],
    ['encoded backslash parent', '..%5C..%5Cwindows'],
    ['windows drive', 'C:/Windows/win.ini'],
    ['encoded windows drive', 'C%3A%5CWindows'],
    ['NTFS stream', 'index.html::$DATA'],
    ['UNC', '%5C%5Cserver%5Cshare'],
    ['NUL', 'index.html%00.png'],
    ['raw NUL', 'index.html\u0000.png'],
    ['control character', 'a%0Ab'],
    ['bad escape', '%E0%A4%A'],
    ['lone percent', '100%'],
  ])('refuses %s', (_name, urlPath) => {
    expect(safeJoin(root, urlPath)).toBeNull();
  });

  it('decodes exactly once', () => {
    expect(safeRelativePath('%2541')).toBe('%41');
  });

  it('refuses the root itself', () => {
    expect(safeJoin(root, '.')).toBeNull();
  });

  it('works with a relative or unnormalised root', () => {
    expect(safeJoin('dist/renderer/', 'index.html')).toBe(path.resolve('dist/renderer/index.html'));
    expect(safeJoin(`${root}/../renderer`, 'index.html')).toBe(path.join(root, 'index.html'));
  });
});

describe('safeJoinDecoded', () => {
  const root = path.resolve('/srv/cim/uploads');
  it('takes names as they are (an upload called 100%.geojson is not decoded again)', () => {
    expect(safeJoinDecoded(root, '100%.geojson')).toBe(path.join(root, '100%.geojson'));
    expect(safeJoinDecoded(root, '南阳 地块.geojson')).toBe(path.join(root, '南阳 地块.geojson'));
  });
  it('refuses the same escapes as safeJoin', () => {
    for (const bad of ['..', '../x', 'a/../../x', '/etc/passwd', 'a\\b', 'C:x', 'a\0b', '']) {
      expect(safeJoinDecoded(root, bad)).toBeNull();
    }
  });
});
