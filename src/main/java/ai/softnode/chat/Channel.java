package ai.softnode.chat;

/** Where a conversation comes from. */
public enum Channel {

	/** The website widget or the hosted chat page. */
	WIDGET,
	/** The server-to-server JSON API. */
	API;

	String column() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
