import type { messages as ko } from '../ko/search';

/** English messages: the search page (every key of the Korean part, checked by tsc). */
export const messages: Record<keyof typeof ko, string> = {
  'search.title': 'Search',
  'search.titleFor': 'Results for “{q}”',
  'search.hospitals': 'Hospitals',
  'search.posts': 'Posts',
  'search.moreHospitals': 'More in Hospitals',
  'search.moreFree': 'More on the free board',
  'search.moreQna': 'More in Q&A',
};
