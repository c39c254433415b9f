package ai.softnode.bots;

/** When the widget asks a visitor for contact details. */
public enum LeadCaptureMode {

	/** Never. */
	OFF,
	/** Before the first message. */
	BEFORE_CHAT,
	/** After the visitor has sent a number of messages. */
	AFTER_MESSAGES,
	/** Only after a reply the bot could not answer ("leave your email and we'll get back to you"). */
	WHEN_UNANSWERED

}
