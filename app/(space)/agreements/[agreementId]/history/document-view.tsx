/**
 * Renders an agreement read from its Yjs state (server/domain/history/document-blocks.ts): a past
 * state read-only, or a diff with additions and removals marked in the text, each in its author's
 * colour. Server-rendered HTML, no editor: a past state cannot be typed into by mistake.
 */
import type { CSSProperties, ReactNode } from 'react';
import type { AttributedSegment, DiffBlock } from '@/server/domain/history/diff-states';
import type { Block, Mark } from '@/server/domain/history/document-blocks';

export interface PersonLook {
  name: string;
  colour: string;
}

type AnyBlock = Block | DiffBlock;

function withMarks(text: string, marks: Mark[]): ReactNode {
  let node: ReactNode = lines(text);
  for (const mark of marks) {
    if (mark.name === 'bold') node = <strong>{node}</strong>;
    else if (mark.name === 'italic') node = <em>{node}</em>;
    else if (mark.name === 'strike') node = <s>{node}</s>;
    else if (mark.name === 'code') node = <code>{node}</code>;
    else if (mark.name === 'underline') node = <u>{node}</u>;
  }
  return node;
}

function lines(text: string): ReactNode {
  const parts = text.split('\n');
  if (parts.length === 1) return text;
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 ? <br /> : null}
    </span>
  ));
}

function Segment({ segment, people }: { segment: AttributedSegment | Block['segments'][number]; people: Map<string, PersonLook> }) {
  const content = withMarks(segment.text, segment.marks);
  if (segment.status === 'same') return <>{content}</>;
  const person = 'authorId' in segment && segment.authorId ? people.get(segment.authorId) : undefined;
  const style = { '--author': person?.colour ?? '#4b5563' } as CSSProperties;
  const who = person?.name ?? 'Someone';
  return segment.status === 'added' ? (
    <ins style={style} title={`Added by ${who}`} data-author={who}>
      {content}
    </ins>
  ) : (
    <del style={style} title={`Removed by ${who}`} data-author={who}>
      {content}
    </del>
  );
}

function blockAuthor(block: AnyBlock, people: Map<string, PersonLook>): PersonLook | undefined {
  for (const segment of block.segments) if ('authorId' in segment && segment.authorId && segment.status !== 'same') return people.get(segment.authorId);
  return undefined;
}

export function DocumentView({ blocks, people = new Map(), label }: { blocks: AnyBlock[]; people?: Map<string, PersonLook>; label: string }) {
  if (blocks.length === 0) return <p className="muted">The agreement was empty at this point.</p>;
  return (
    <div className="document-view" aria-label={label} role="document">
      {blocks.map((block, index) => {
        const inner = block.segments.length ? block.segments.map((segment, i) => <Segment key={i} segment={segment} people={people} />) : <br />;
        const author = block.status === 'same' ? undefined : blockAuthor(block, people);
        const className = ['doc-block', `doc-${block.kind}`, block.status !== 'same' ? `doc-${block.status}` : '', block.quote ? 'doc-quote' : ''].filter(Boolean).join(' ');
        const style = { '--depth': block.depth, '--author': author?.colour ?? '#4b5563' } as CSSProperties;
        const marker = block.list ? (block.list.kind === 'bullet' ? '•' : block.list.kind === 'ordered' ? `${block.list.ordinal}.` : block.list.checked ? '☑' : '☐') : null;
        const statusNote =
          block.status === 'added' ? <span className="visually-hidden">(added paragraph{author ? ` by ${author.name}` : ''}) </span> : block.status === 'removed' ? <span className="visually-hidden">(removed paragraph{author ? ` by ${author.name}` : ''}) </span> : null;
        const body = (
          <>
            {statusNote}
            {marker ? <span className="doc-marker" aria-hidden={block.list?.kind !== 'task'}>{marker} </span> : null}
            {inner}
          </>
        );
        if (block.kind === 'heading') {
          const Tag = `h${Math.min(6, (block.level ?? 1) + 1)}` as 'h2';
          return (
            <Tag key={index} className={className} style={style}>
              {body}
            </Tag>
          );
        }
        if (block.kind === 'rule') return <hr key={index} className={className} />;
        if (block.kind === 'code')
          return (
            <pre key={index} className={className} style={style}>
              {body}
            </pre>
          );
        return (
          <p key={index} className={className} style={style}>
            {body}
          </p>
        );
      })}
    </div>
  );
}
