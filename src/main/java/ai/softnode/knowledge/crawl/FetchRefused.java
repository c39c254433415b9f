package ai.softnode.knowledge.crawl;

/** The guarded client would not fetch an address, or the fetch broke a limit; the message is for the owner. */
public class FetchRefused extends Exception {

	public FetchRefused(String reason) {
		super(reason, null, false, false);
	}

}
