-- Every chat turn writes two chat_message rows, and each row is added to every index of the table.
-- Two of them served no query another index does not serve as well:
--   chat_message_reply_ix (reply_to): the one lookup by reply_to (a retried message's answer) also
--     names the conversation, whose few messages an index on conversation_id finds;
--   chat_message_conversation_ix (conversation_id, created_at): every query by conversation reads a
--     conversation's few messages (or a page of them for the export) and sorts them in memory; an
--     index led by conversation_id remains (chat_message_client_ux on both databases, and on H2 the
--     index of the foreign key to chat_conversation).
-- Both were keyed by random ids, so each insert dirtied a random page of each, and H2 writes every
-- dirty page again at each store: at 200 turns a second that was a large part of the database's work.
DROP INDEX chat_message_reply_ix;
DROP INDEX chat_message_conversation_ix;
