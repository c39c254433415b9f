package ai.softnode.policies;

/** Optional processing a user may allow; everything is off until they turn it on. */
enum Purpose {

	ANALYTICS("Product-improvement analytics",
			"Count anonymously which dashboard pages and actions you use (per day, no user id), so the operator can see which features matter."),
	NEWS("Product news by email", "Occasional mails from the operator about new features and changes of this installation.");

	private final String label;

	private final String description;

	Purpose(String label, String description) {
		this.label = label;
		this.description = description;
	}

	public String getLabel() {
		return this.label;
	}

	public String getDescription() {
		return this.description;
	}

	/** The form field of this purpose. */
	public String getField() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
