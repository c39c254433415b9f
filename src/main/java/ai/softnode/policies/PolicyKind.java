package ai.softnode.policies;

/** The two documents the platform publishes in versions. */
enum PolicyKind {

	PRIVACY("Privacy policy", "/privacy"), TERMS("Terms of use", "/terms");

	private final String label;

	private final String path;

	PolicyKind(String label, String path) {
		this.label = label;
		this.path = path;
	}

	String label() {
		return this.label;
	}

	String path() {
		return this.path;
	}

	/** For templates, which cannot call package-private methods. */
	public String getLabel() {
		return this.label;
	}

	public String getPath() {
		return this.path;
	}

}
