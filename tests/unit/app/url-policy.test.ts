import { describe, expect, it } from 'vitest';
import { externalHttpsUrl, isAppUrl } from '../../../main/app/url-policy.js';

describe('isAppUrl', () => {
  it.each(['cim://app/index.html', 'cim://app/', 'cim://app/features/a.geojson?rev=1'])('accepts %s', (url) =>
    expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'cim://other/index.html',
    'cim://app.evil/index.html',
    'cim://app@evil/index.html',
    'cim://user:pw@app/index.html',
    'cim://app:8080/index.html',
    'https://app/index.html',
    'file:///work/dist/renderer/index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'not a url',
    '',
    null,
    undefined,
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('externalHttpsUrl', () => {
  it('lets https out', () => {
    expect(externalHttpsUrl('https://www.mnr.gov.cn/')).toBe('https://www.mnr.gov.cn/');
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'ms-msdt:/id',
    'cim://app/index.html',
    'https://user:pw@example.com/',
    'garbage',
    null,
  ])('keeps %s in', (url) => expect(externalHttpsUrl(url)).toBeNull());
});
