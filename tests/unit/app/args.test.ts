import { describe, expect, it } from 'vitest';
import { workspaceArg } from '../../../main/app/args.js';
import { contentTypeFor } from '../../../main/api/content-types.js';

describe('workspaceArg', () => {
  const electron = ['/opt/CIM Workstation/cim-workstation', '--no-sandbox'];

  it.each([
    [[...electron, '--workspace', '/data/郑州.gpkg'], '/data/郑州.gpkg'],
    [[...electron, '--workspace=city.gpkg', '--lang=en'], 'city.gpkg'],
    [[...electron], null],
    [[...electron, '--workspace'], null],
    [[...electron, '--workspace', '--inspect'], null],
    [[...electron, '--workspace='], null],
  ])('reads %j', (argv, expected) => {
    expect(workspaceArg(argv)).toBe(expected);
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['/a/b/Cesium.JS', 'text/javascript; charset=utf-8'],
    ['tile.glb', 'model/gltf-binary'],
    ['0.terrain', 'application/vnd.quantized-mesh'],
    ['roads.geojson', 'application/geo+json; charset=utf-8'],
    ['README', 'application/octet-stream'],
    ['x.unknown', 'application/octet-stream'],
  ])('%s is %s', (name, type) => {
    expect(contentTypeFor(name)).toBe(type);
  });
});
