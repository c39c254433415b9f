-- The data export pages through a workspace's conversations in id order (keyset); without this index
-- every page would sort all of the workspace's conversations.
CREATE INDEX chat_conversation_ws_id_ix ON chat_conversation (workspace_id, id);
