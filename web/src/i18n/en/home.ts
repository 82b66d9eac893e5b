import type { messages as ko } from '../ko/home';

/** English messages: home (every key of the Korean part, checked by tsc). */
export const messages: Record<keyof typeof ko, string> = {
  'home.title': 'What happens inside hospitals, told by the people who work there',
  'home.lead': 'Posts and reviews written by hospital staff. Search hospitals and posts at once.',
  'home.latestFree': 'Latest on the free board',
  'home.latestQna': 'Latest questions',
  'home.bestRated': 'Best-rated hospitals',
  'home.mostReviewed': 'Most-reviewed hospitals',
  'home.insiderTitle': 'What is an insider?',
  'home.insider1':
    'Insiders are the doctors, nurses, technicians, pharmacists and administrators who work in hospitals. Choose your workplace when you sign up and verify your email to write on the boards.',
  'home.insider2':
    "Only a hospital's insiders can review it. Members who verified a work address on the hospital's registered domain, or whose affiliation an admin confirmed, carry a “verified insider” badge.",
  'home.insider3': 'Authors appear by nickname only. No email or account detail is ever shown to anyone.',
  'home.noRated': 'No hospital has reviews yet. If you work at one, write the first.',
};
