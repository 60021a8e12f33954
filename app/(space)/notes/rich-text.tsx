/**
 * Shows stored rich text (ProseMirror JSON from a note's document) as plain React elements, on the
 * server: a shared note is frozen, so it needs no live editor to be read. Text is rendered as text,
 * never as HTML, and a link only keeps an http(s) or mailto address.
 */
import type { ReactNode } from 'react';
import type { ProseMirrorNode } from '@/server/domain/journal/load-document-content';

export function RichText({ node, empty }: { node: ProseMirrorNode; empty?: ReactNode }) {
  const blocks = node.content ?? [];
  const hasText = JSON.stringify(node).includes('"text":');
  if (!hasText) return <>{empty ?? null}</>;
  return <div className="rich-text">{blocks.map((child, i) => renderNode(child, i))}</div>;
}

function renderNode(node: ProseMirrorNode, key: number): ReactNode {
  const children = (node.content ?? []).map((child, i) => renderNode(child, i));
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading':
      return Number(node.attrs?.level) === 3 ? <h4 key={key}>{children}</h4> : <h3 key={key}>{children}</h3>;
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return <ol key={key}>{children}</ol>;
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'taskList':
      return <ul key={key} className="task-list">{children}</ul>;
    case 'taskItem':
      return (
        <li key={key}>
          <span aria-label={node.attrs?.checked ? 'done' : 'not done'}>{node.attrs?.checked ? '☑' : '☐'}</span> {children}
        </li>
      );
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'codeBlock':
      return <pre key={key}><code>{children}</code></pre>;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    case 'text':
      return <Marked key={key} text={node.text ?? ''} marks={node.marks ?? []} />;
    default:
      return <span key={key}>{children}</span>;
  }
}

function Marked({ text, marks }: { text: string; marks: NonNullable<ProseMirrorNode['marks']> }) {
  let out: ReactNode = text;
  for (const mark of marks) {
    if (mark.type === 'bold') out = <strong>{out}</strong>;
    else if (mark.type === 'italic') out = <em>{out}</em>;
    else if (mark.type === 'strike') out = <s>{out}</s>;
    else if (mark.type === 'code') out = <code>{out}</code>;
    else if (mark.type === 'link' && typeof mark.attrs?.href === 'string' && /^(https?:|mailto:)/i.test(mark.attrs.href)) {
      out = <a href={mark.attrs.href} rel="noopener noreferrer nofollow">{out}</a>;
    }
  }
  return <>{out}</>;
}
