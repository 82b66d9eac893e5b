import type { messages as ko } from '../ko/hospitals';

/** English messages: the hospital search (every key of the Korean part, checked by tsc). */
export const messages: Record<keyof typeof ko, string> = {
  'hospitals.title': 'Hospitals',
  'hospitals.lead': 'Find hospitals by name, region, type and department, and read what insiders say.',
  'hospitals.filters': 'Hospital search',
  'hospitals.name': 'Hospital name',
  'hospitals.region': 'Region',
  'hospitals.district': 'District',
  'hospitals.type': 'Type',
  'hospitals.department': 'Department',
  'hospitals.departmentExample': 'e.g. 내과',
  'hospitals.sort': 'Sort',
  'hospitals.sort.name': 'Name',
  'hospitals.sort.rating': 'Rating',
  'hospitals.sort.reviews': 'Most reviews',
  'hospitals.all': 'All',
  'hospitals.filtered': 'Hospitals matching your search.',
  'hospitals.ratingOrder':
    'The rating order weighs the number of reviews too: a steady record ranks above one or two perfect scores.',
};
