import type { MemoryView } from '@/server/domain/experiences/memory-view';

/** One partner's memory, read only: their words and photo, or a quiet line while there is none yet. */
export function MemoryCard({ memory, emptyText, heading }: { memory: MemoryView | null; emptyText: string; heading: string }) {
  return (
    <article className="memory" data-testid="memory" data-author={memory?.authorName ?? ''}>
      <h3>{heading}</h3>
      {memory ? (
        <>
          {memory.text ? <p className="memory-text">{memory.text}</p> : null}
          {memory.photo ? (
            // A plain img, not next/image: the photo is private to the two members and must not pass through an image cache.
            <img className="memory-photo" src={memory.photo.url} width={memory.photo.width} height={memory.photo.height} loading="lazy" alt={`Photo from ${memory.mine ? 'your' : `${memory.authorName}’s`} memory`} />
          ) : null}
        </>
      ) : (
        <p className="muted memory-empty">{emptyText}</p>
      )}
    </article>
  );
}
