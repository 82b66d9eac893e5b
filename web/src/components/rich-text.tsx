import { richInline } from '../lib/rich-text';

/**
 * A member's post or comment: its addresses as links (opening elsewhere, followed by no search
 * engine) and its `**bold**`, built as elements, never as HTML.
 */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {richInline(text).map((piece, i) =>
        'link' in piece ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text never move
          <a key={i} href={piece.link} target="_blank" rel="noopener noreferrer nofollow ugc">
            {piece.link}
          </a>
        ) : 'bold' in piece ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text never move
          <strong key={i}>{piece.bold}</strong>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
