import { describe, expect, it } from 'vitest';
import { groupSourceFiles } from '../../../renderer/panels/import/source-files.js';

const files = (...names: string[]) => names.map((name) => ({ name }));

describe('files dropped together', () => {
  it('reads the .shp and carries its parts of the same name', () => {
    const g = groupSourceFiles(files('a.dbf', 'A.prj', 'a.cpg', 'a.SHP', 'a.shx', 'b.dbf', 'notes.txt'));
    expect(g?.primary.name).toBe('a.SHP');
    expect(g?.sidecars.map((f) => f.name)).toEqual(['a.dbf', 'A.prj', 'a.cpg', 'a.shx']);
  });

  it('takes a lone data file as it is, and a .dbf alone as what was dropped', () => {
    expect(groupSourceFiles(files('parcels.geojson'))).toEqual({ primary: { name: 'parcels.geojson' }, sidecars: [] });
    expect(groupSourceFiles(files('x.dbf'))?.primary.name).toBe('x.dbf');
    expect(groupSourceFiles([])).toBeNull();
  });
});
