/** The suspects layer's style: coloured by kind. Environment: common. */
export const CHANGE_STYLE = {
  fillOpacity: 0.75,
  strokeColor: '#7f0000',
  strokeWidthPx: 2,
  thematic: {
    field: 'kind',
    method: 'categories' as const,
    colours: {
      in_protected_zone: '#1a9641',
      no_permit: '#d7191c',
      beyond_height: '#7b3294',
      beyond_footprint: '#fdae61',
    },
  },
};
