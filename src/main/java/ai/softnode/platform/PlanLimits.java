package ai.softnode.platform;

import org.springframework.http.HttpStatus;

/**
 * What a workspace's plan allows, for the modules that create the limited things. Implemented by the
 * billing module; without it nothing is limited. {@link Long#MAX_VALUE} means no limit. Limits are
 * checked only when something new is created, so a downgrade keeps existing data.
 */
public interface PlanLimits {

	/** Where an owner can see and change the plan. */
	String BILLING_PATH = "/app/settings/billing";

	long maxBots(WorkspaceId workspace);

	long maxMembers(WorkspaceId workspace);

	long maxKnowledgeCharacters(WorkspaceId workspace);

	boolean brandingRemovable(WorkspaceId workspace);

	/** No limits: billing is not installed. */
	PlanLimits UNLIMITED = new PlanLimits() {

		@Override
		public long maxBots(WorkspaceId workspace) {
			return Long.MAX_VALUE;
		}

		@Override
		public long maxMembers(WorkspaceId workspace) {
			return Long.MAX_VALUE;
		}

		@Override
		public long maxKnowledgeCharacters(WorkspaceId workspace) {
			return Long.MAX_VALUE;
		}

		@Override
		public boolean brandingRemovable(WorkspaceId workspace) {
			return true;
		}

	};

	/** The failure when creating one more of {@code what} would exceed the plan's {@code limit}. */
	static Problem limitReached(String what, long limit) {
		return new Problem(HttpStatus.PAYMENT_REQUIRED, "plan_limit_reached", "Your plan allows " + limit + " " + what
				+ "; you have reached that limit. Upgrade your plan at " + BILLING_PATH + " to add more.");
	}

}
