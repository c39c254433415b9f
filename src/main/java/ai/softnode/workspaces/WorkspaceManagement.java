package ai.softnode.workspaces;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.accounts.AccountManagement;
import ai.softnode.accounts.UserAccount;
import ai.softnode.accounts.UserSignedUp;
import ai.softnode.notifications.Mailer;
import ai.softnode.notifications.Mailer.Mail;
import ai.softnode.platform.Audited;
import ai.softnode.platform.Emails;
import ai.softnode.platform.PlanLimits;
import ai.softnode.platform.WorkspaceLock;
import ai.softnode.platform.Problem;
import ai.softnode.platform.Role;
import ai.softnode.platform.Secrets;
import ai.softnode.platform.SoftnodeProperties;
import ai.softnode.platform.Tenant;
import ai.softnode.platform.TenantDirectory;
import ai.softnode.platform.WorkspaceId;

/** Workspaces, their members and invitations; the source of every request's {@link Tenant}. */
@Service
public class WorkspaceManagement implements TenantDirectory {

	static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

	private final JdbcClient jdbc;

	private final AccountManagement accounts;

	private final ApiKeys apiKeys;

	private final Mailer mailer;

	private final SoftnodeProperties properties;

	private final Clock clock;

	private final ObjectProvider<PlanLimits> limits;

	private final WorkspaceLock workspaceLock;

	private final ApplicationEventPublisher events;

	WorkspaceManagement(JdbcClient jdbc, AccountManagement accounts, ApiKeys apiKeys, Mailer mailer,
			SoftnodeProperties properties, Clock clock, ObjectProvider<PlanLimits> limits, ApplicationEventPublisher events,
			WorkspaceLock workspaceLock) {
		this.events = events;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.apiKeys = apiKeys;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
		this.limits = limits;
		this.workspaceLock = workspaceLock;
	}

	/** Creates the new user's workspace, inside the sign-up transaction. */
	@EventListener
	void on(UserSignedUp signedUp) {
		var id = UUID.randomUUID();
		var now = now();
		this.jdbc.sql("INSERT INTO workspaces_workspace (id, name, created_at) VALUES (:id, :name, :now)")
			.param("id", id).param("name", signedUp.company()).param("now", now).update();
		addMember(id, signedUp.userId(), Role.OWNER, now);
	}

	@Override
	public Optional<Tenant> forUser(UUID userId, @Nullable UUID preferred) {
		var memberships = memberships(userId);
		return memberships.stream()
			.filter(m -> m.id().equals(preferred))
			.findFirst()
			.or(() -> memberships.stream().findFirst())
			.map(m -> new Tenant(new WorkspaceId(m.id()), userId, m.role(), null));
	}

	@Override
	public Optional<Tenant> forApiKey(String rawKey) {
		return this.apiKeys.authenticate(rawKey);
	}

	/** Every workspace the user belongs to, oldest membership first. */
	public List<Membership> memberships(UUID userId) {
		return this.jdbc.sql("""
				SELECT w.id, w.name, m.role FROM workspaces_member m JOIN workspaces_workspace w ON w.id = m.workspace_id
				WHERE m.user_id = :user ORDER BY m.joined_at, w.name""")
			.param("user", userId)
			.query((rs, n) -> new Membership(rs.getObject("id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role"))))
			.list();
	}

	public String name(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT name FROM workspaces_workspace WHERE id = :id").param("id", workspace.value())
			.query(String.class).optional()
			.orElseThrow(() -> Problem.notFound("workspace_not_found", "This workspace no longer exists."));
	}

	@Transactional
	public void rename(Tenant tenant, String name) {
		tenant.require(Role.ADMIN);
		var clean = name.strip();
		if (clean.isEmpty() || clean.length() > 100 || clean.chars().anyMatch(Character::isISOControl)) {
			throw Problem.invalid("company", clean.isEmpty() ? "Enter a workspace name." : "Use at most 100 ordinary characters.");
		}
		this.jdbc.sql("UPDATE workspaces_workspace SET name = :name WHERE id = :id")
			.param("name", clean).param("id", tenant.workspace().value()).update();
	}

	/** The e-mail addresses of the workspace's owners, for mails about the workspace itself. */
	public List<String> ownerEmails(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT user_id FROM workspaces_member WHERE workspace_id = :ws AND role = 'OWNER' ORDER BY joined_at")
			.param("ws", workspace.value())
			.query(UUID.class)
			.list()
			.stream()
			.flatMap(user -> this.accounts.find(user).map(UserAccount::email).stream())
			.toList();
	}

	public List<Member> members(Tenant tenant) {
		record Row(UUID userId, Role role, OffsetDateTime joinedAt) {
		}
		var rows = this.jdbc.sql("SELECT user_id, role, joined_at FROM workspaces_member WHERE workspace_id = :ws ORDER BY joined_at")
			.param("ws", tenant.workspace().value())
			.query((rs, n) -> new Row(rs.getObject("user_id", UUID.class), Role.valueOf(rs.getString("role")),
					rs.getObject("joined_at", OffsetDateTime.class)))
			.list();
		return rows.stream().map(row -> {
			var user = this.accounts.find(row.userId());
			return new Member(row.userId(), user.map(UserAccount::name).orElse("(deleted user)"),
					user.map(UserAccount::email).orElse(""), row.role(), row.joinedAt());
		}).toList();
	}

	public List<Invitation> openInvitations(Tenant tenant) {
		return this.jdbc.sql("""
				SELECT i.*, w.name AS workspace_name FROM workspaces_invitation i JOIN workspaces_workspace w ON w.id = i.workspace_id
				WHERE i.workspace_id = :ws AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now
				ORDER BY i.created_at DESC""")
			.param("ws", tenant.workspace().value()).param("now", now())
			.query((rs, n) -> invitation(rs))
			.list();
	}

	/** Invites {@code email} with {@code role}; only owners may invite admins. */
	@Transactional
	public Invitation invite(Tenant tenant, String email, Role role) {
		tenant.require(Role.ADMIN);
		var address = Emails.normalize(email);
		if (!Emails.isValid(address)) {
			throw Problem.invalid("email", "Enter a valid email address, like name@example.com.");
		}
		if (role == Role.OWNER) {
			throw Problem.invalid("role", "Invite members as Admin or Agent; ownership cannot be given by invitation.");
		}
		if (role == Role.ADMIN && !tenant.can(Role.OWNER)) {
			throw Problem.forbidden("role_required", "Only the owner can invite admins.");
		}
		var existing = this.accounts.findByEmail(address);
		if (existing.isPresent() && role(tenant.workspace(), existing.get().id()).isPresent()) {
			throw Problem.invalid("email", "This person is already a member of the workspace.");
		}
		var now = now();
		var maxMembers = this.limits.getIfAvailable(() -> PlanLimits.UNLIMITED).maxMembers(tenant.workspace());
		if (maxMembers != Long.MAX_VALUE) {
			this.workspaceLock.lock(tenant.workspace());
		}
		if (maxMembers != Long.MAX_VALUE && seats(tenant.workspace(), address, now) >= maxMembers) {
			throw PlanLimits.limitReached("team members (counting open invitations)", maxMembers);
		}
		this.jdbc.sql("""
				UPDATE workspaces_invitation SET revoked_at = :now
				WHERE workspace_id = :ws AND email = :email AND accepted_at IS NULL AND revoked_at IS NULL""")
			.param("now", now).param("ws", tenant.workspace().value()).param("email", address).update();
		var token = Secrets.token(32);
		var id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO workspaces_invitation (id, workspace_id, email, role, token_hash, invited_by, created_at, expires_at)
				VALUES (:id, :ws, :email, :role, :hash, :by, :now, :expires)""")
			.param("id", id).param("ws", tenant.workspace().value()).param("email", address).param("role", role.name())
			.param("hash", Secrets.hash(token)).param("by", tenant.userId()).param("now", now)
			.param("expires", now.plus(INVITATION_LIFETIME))
			.update();
		var inviter = this.accounts.find(tenant.userId()).map(UserAccount::name).orElse("A colleague");
		var workspaceName = name(tenant.workspace());
		this.mailer.queue(tenant.workspace(), new Mail(address, inviter + " invited you to " + workspaceName + " on Softnode", """
				Hello,

				%s invited you to join the workspace "%s" on Softnode as %s.

				To accept, open this link (it works for %d days):

				%s

				If you do not know why you got this, ignore this mail.
				""".formatted(inviter, workspaceName, role.label(), INVITATION_LIFETIME.toDays(),
				this.properties.link("/invitations/" + token)), "invitation"));
		this.events.publishEvent(Audited.by(tenant, "", "member.invited", address + " as " + role.label(), null, now.toInstant()));
		return new Invitation(id, tenant.workspace().value(), workspaceName, address, role, now, now.plus(INVITATION_LIFETIME));
	}

	@Transactional
	public void revokeInvitation(Tenant tenant, UUID invitationId) {
		tenant.require(Role.ADMIN);
		var updated = this.jdbc.sql("""
				UPDATE workspaces_invitation SET revoked_at = :now
				WHERE id = :id AND workspace_id = :ws AND accepted_at IS NULL AND revoked_at IS NULL""")
			.param("now", now()).param("id", invitationId).param("ws", tenant.workspace().value()).update();
		if (updated == 0) {
			throw Problem.notFound("invitation_not_found", "No open invitation with this id in your workspace.");
		}
	}

	/** The open invitation behind a mailed link. */
	public Optional<Invitation> invitation(String token) {
		return this.jdbc.sql("""
				SELECT i.*, w.name AS workspace_name FROM workspaces_invitation i JOIN workspaces_workspace w ON w.id = i.workspace_id
				WHERE i.token_hash = :hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now""")
			.param("hash", Secrets.hash(token)).param("now", now())
			.query((rs, n) -> invitation(rs))
			.optional();
	}

	/** Accepts an invitation for the signed-in user, who must hold the invited address. */
	@Transactional
	public Membership accept(String token, UUID userId) {
		var invitation = invitation(token)
			.orElseThrow(() -> Problem.notFound("invitation_not_found", "This invitation has expired, was revoked or was already used."));
		var user = this.accounts.find(userId).orElseThrow(() -> Problem.forbidden("unauthenticated", "Please sign in first."));
		if (!user.email().equalsIgnoreCase(invitation.email())) {
			throw Problem.forbidden("invitation_for_other_email",
					"This invitation is for " + invitation.email() + ". Sign in with that address to accept it.");
		}
		var now = now();
		var used = this.jdbc.sql("UPDATE workspaces_invitation SET accepted_at = :now WHERE id = :id AND accepted_at IS NULL")
			.param("now", now).param("id", invitation.id()).update();
		if (used == 0) {
			throw Problem.notFound("invitation_not_found", "This invitation was already used.");
		}
		var workspace = new WorkspaceId(invitation.workspaceId());
		if (role(workspace, userId).isEmpty()) {
			addMember(invitation.workspaceId(), userId, invitation.role(), now);
		}
		this.events.publishEvent(new Audited(workspace, userId, user.email(), "member.joined",
				user.email() + " as " + invitation.role().label(), null, now.toInstant()));
		return new Membership(invitation.workspaceId(), invitation.workspaceName(), role(workspace, userId).orElseThrow());
	}

	/** Changes a member's role; only the owner may, and the last owner stays owner. */
	@Transactional
	public void changeRole(Tenant tenant, UUID userId, Role role) {
		tenant.require(Role.OWNER);
		var current = role(tenant.workspace(), userId)
			.orElseThrow(() -> Problem.notFound("member_not_found", "No such member in your workspace."));
		if (current == Role.OWNER && role != Role.OWNER && owners(tenant.workspace()) <= 1) {
			throw Problem.conflict("last_owner", "A workspace needs an owner: make someone else owner first.");
		}
		this.jdbc.sql("UPDATE workspaces_member SET role = :role WHERE workspace_id = :ws AND user_id = :user")
			.param("role", role.name()).param("ws", tenant.workspace().value()).param("user", userId).update();
		this.events.publishEvent(Audited.by(tenant, "", "member.role_changed",
				memberEmail(userId) + ": " + current.label() + " → " + role.label(), null, this.clock.instant()));
	}

	/** Removes a member; admins may remove agents, owners anyone but the last owner. */
	@Transactional
	public void removeMember(Tenant tenant, UUID userId) {
		tenant.require(Role.ADMIN);
		var current = role(tenant.workspace(), userId)
			.orElseThrow(() -> Problem.notFound("member_not_found", "No such member in your workspace."));
		if (current != Role.AGENT && !tenant.can(Role.OWNER) && !userId.equals(tenant.userId())) {
			throw Problem.forbidden("role_required", "Only the owner can remove admins and owners.");
		}
		if (current == Role.OWNER && owners(tenant.workspace()) <= 1) {
			throw Problem.conflict("last_owner", "The last owner cannot be removed. Delete the account instead.");
		}
		this.jdbc.sql("DELETE FROM workspaces_member WHERE workspace_id = :ws AND user_id = :user")
			.param("ws", tenant.workspace().value()).param("user", userId).update();
		this.apiKeys.revokeAllCreatedBy(tenant.workspace(), userId);
		this.events.publishEvent(Audited.by(tenant, "", "member.removed", memberEmail(userId), null, this.clock.instant()));
	}

	private String memberEmail(UUID userId) {
		return this.accounts.find(userId).map(UserAccount::email).orElse("deleted user");
	}

	public Optional<Role> role(WorkspaceId workspace, UUID userId) {
		return this.jdbc.sql("SELECT role FROM workspaces_member WHERE workspace_id = :ws AND user_id = :user")
			.param("ws", workspace.value()).param("user", userId)
			.query(String.class).optional().map(Role::valueOf);
	}

	/** Members plus open invitations other than one to {@code email}, which a new invitation replaces. */
	private long seats(WorkspaceId workspace, String email, OffsetDateTime now) {
		return this.jdbc.sql("""
				SELECT (SELECT COUNT(*) FROM workspaces_member WHERE workspace_id = :ws)
				     + (SELECT COUNT(*) FROM workspaces_invitation WHERE workspace_id = :ws AND email <> :email
				        AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > :now)""")
			.param("ws", workspace.value()).param("email", email).param("now", now).query(Long.class).single();
	}

	private int owners(WorkspaceId workspace) {
		return this.jdbc.sql("SELECT COUNT(*) FROM workspaces_member WHERE workspace_id = :ws AND role = 'OWNER'")
			.param("ws", workspace.value()).query(Integer.class).single();
	}

	private void addMember(UUID workspace, UUID userId, Role role, OffsetDateTime now) {
		this.jdbc.sql("INSERT INTO workspaces_member (workspace_id, user_id, role, joined_at) VALUES (:ws, :user, :role, :now)")
			.param("ws", workspace).param("user", userId).param("role", role.name()).param("now", now).update();
	}

	private static Invitation invitation(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Invitation(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
				rs.getString("workspace_name"), rs.getString("email"), Role.valueOf(rs.getString("role")),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
