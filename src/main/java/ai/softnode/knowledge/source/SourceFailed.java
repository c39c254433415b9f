package ai.softnode.knowledge.source;

/** Ingestion of a source failed for a reason the owner should read; it is not retried. */
class SourceFailed extends RuntimeException {

	SourceFailed(String reason) {
		super(reason, null, false, false);
	}

}
