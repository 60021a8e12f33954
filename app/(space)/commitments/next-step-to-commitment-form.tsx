/**
 * "Make it a commitment" beside a conversation's next steps: opens the commitment form with the step
 * written in, remembering the conversation. A plain form (GET), so it works before any script loads.
 */
export function NextStepToCommitmentForm({ conversationId }: { conversationId: string }) {
  return (
    <form method="get" action="/commitments" className="conv-next-step-to-commitment">
      <input type="hidden" name="conversation" value={conversationId} />
      <label>
        Or make a next step your own commitment
        <input name="text" maxLength={500} placeholder="Paste or type one next step" required />
      </label>
      <button type="submit" className="secondary">
        Make it a commitment
      </button>
    </form>
  );
}
