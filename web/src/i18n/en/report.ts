import type { messages as ko } from '../ko/report';

/** English messages: report (every key of the Korean part, checked by tsc). */
export const messages: Record<keyof typeof ko, string> = {
  'report.reason': 'Reason',
  'report.reasonPlaceholder': 'Choose a reason',
  'report.reasonRequired': 'Choose why you report this.',
  'report.detail': 'Details (optional)',
  'report.submit': 'Send report',
  'report.done': 'Report received. A moderator will look at it.',
  'report.reason.spam': 'Spam',
  'report.reason.abuse': 'Abuse or harassment',
  'report.reason.privacy': 'Personal information',
  'report.reason.misinformation': 'Misinformation',
  'report.reason.advertising': 'Advertising',
  'report.reason.other': 'Other',
};
