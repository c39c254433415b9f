-- A question row learns its visitor from the answered-message event itself, so analytics no longer
-- keeps its own copy of which visitor each conversation belongs to.
DROP TABLE analytics_conversation;
