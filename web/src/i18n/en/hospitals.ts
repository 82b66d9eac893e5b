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
  // The filter bar of a hospital's reviews, which loads this part with it.
  'review.sort': 'Sort reviews',
  'review.sort.latest': 'Newest',
  'review.sort.helpful': 'Most helpful',
  'review.sort.highest': 'Highest rated',
  'review.sort.lowest': 'Lowest rated',
  'review.filters': 'Review filters',
  'review.filter.job': 'Job',
  'review.filter.score': 'Score',
  'review.filter.scoreValue': '{count} star|{count} stars',
  'review.filter.all': 'All',
  'review.filter.verified': 'Verified only',
  'review.filter.none': 'No reviews match these filters.',
  'review.filter.clear': 'Clear filters',
};
