import type { messages as ko } from '../ko/board';

/** English messages: board (every key of the Korean part, checked by tsc). */
export const messages: Record<keyof typeof ko, string> = {
  'board.free.lead': 'Talk freely about life in and around hospitals.',
  'board.qna.lead': 'Curious about hospital life? Ask the people who work there.',
  'board.write': 'Write',
  'board.search': 'Search this board',
  'board.sort': 'Sort',
  'board.sort.latest': 'Latest',
  'board.sort.popular': 'Popular',
  'board.results': 'Results for “{q}”',
  'post.edited': 'edited',
  'post.like': 'Like {count}',
  'post.deleteTitle': 'Delete this post?',
  'post.deleteText': 'A deleted post leaves lists and search for good.',
  'comment.title': 'Comments',
  'comment.empty': 'Be the first to comment.',
  'comment.label': 'Write a comment',
  'comment.submit': 'Comment',
  'comment.reply': 'Reply',
  'comment.replyLabel': 'Reply to {nickname}',
  'comment.replies': 'Replies',
  'comment.deleted': 'This comment was deleted.',
  'comment.accepted': 'Accepted answer',
  'comment.accept': 'Accept answer',
  'comment.answer': 'Answer',
  'comment.answersTitle': 'Answers',
};
