/**
 * Several files dropped together as one import source: the file that is read (a .shp, or
 * the one data file) and its sidecars. Files of formats we do not read alone (.shx, .dbf,
 * .prj, .cpg…) only travel with a .shp.
 */
const PRIMARY = [
  '.shp',
  '.zip',
  '.gpkg',
  '.geojson',
  '.json',
  '.kml',
  '.kmz',
  '.csv',
  '.tsv',
  '.txt',
  '.dxf',
  '.tif',
  '.tiff',
  '.glb',
  '.gltf',
];
const SIDECAR = ['.shx', '.dbf', '.prj', '.cpg', '.qpj', '.sbn', '.sbx'];

const extension = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};
const stem = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return (dot < 0 ? name : name.slice(0, dot)).toLowerCase();
};

export interface SourceFiles<F extends { name: string }> {
  primary: F;
  sidecars: F[];
}

/** The first readable file by PRIMARY order, with the files of the same stem as its sidecars. */
export function groupSourceFiles<F extends { name: string }>(files: readonly F[]): SourceFiles<F> | null {
  const primary =
    PRIMARY.map((ext) => files.find((f) => extension(f.name) === ext)).find((f) => f !== undefined) ?? files[0];
  if (!primary) return null;
  const sidecars = files.filter(
    (f) => f !== primary && stem(f.name) === stem(primary.name) && SIDECAR.includes(extension(f.name)),
  );
  return { primary, sidecars };
}

/** What the file chooser accepts. */
export const ACCEPT = [...PRIMARY, ...SIDECAR].join(',');
