package ai.softnode.bots;

/** When the widget asks a visitor for contact details. */
public enum LeadCaptureMode {

	/** Never. */
	OFF,
	/** Before the first message. */
	BEFORE_CHAT,
	/** After the visitor has sent a number of messages. */
	AFTER_MESSAGES

}
