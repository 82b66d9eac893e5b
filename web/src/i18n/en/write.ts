import type { messages as ko } from '../ko/write';

/** English messages: the post and review editors (every key of the Korean part, checked by tsc). */
export const messages: Record<keyof typeof ko, string> = {
  'rating.overall.hint': 'All things considered',
  'rating.care.hint': 'Quality of diagnosis and treatment',
  'rating.honesty.hint': 'No unnecessary tests, treatment or billing',
  'rating.staff.hint': 'How patients are treated',
  'rating.facilities.hint': 'Equipment, buildings, cleanliness',
  'rating.waiting.hint': 'How easy booking and waiting are',
  'review.lead': 'Write what you saw working here. Leave out anything that could identify a patient or a colleague.',
  'review.recommendQuestion': 'Would you recommend this hospital to family or friends?',
  'review.titleLabel': 'Summary',
  'review.bodyLabel': 'Review',
  'review.bodyHint': 'At least {min} characters.',
  'review.showJob': 'Show my job on the review (never a nickname)',
  'review.publish': 'Publish review',
  'review.writeTitle': 'Review {name}',
  'review.editTitle': 'Edit my review of {name}',
  'post.title': 'Title',
  'post.body': 'Text',
  'post.bodyHint': 'Leave out anything that could identify a patient or a colleague.',
  'post.publish': 'Publish',
  'post.newTitle': 'Write on the {board}',
  'post.editTitle': 'Edit post',
  'post.notYours': 'You can only edit your own posts.',
};
