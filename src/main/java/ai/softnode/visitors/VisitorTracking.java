package ai.softnode.visitors;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

import ai.softnode.platform.HotRows;
import ai.softnode.platform.WorkspaceId;

/**
 * Derives what a widget request tells about its visitor and keeps one record per visitor. The
 * client address is used for the location lookup and then forgotten.
 */
@Service
public class VisitorTracking {

	private final GeoIp geoIp;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	/**
	 * Two visits can race to create the same new row (the visitor, or a rollup row of the day such as a
	 * country's); the loser's whole record is written again, now as an update.
	 */
	private static final RetryTemplate RACE_LOST = new RetryTemplate(
			RetryPolicy.builder().includes(DuplicateKeyException.class).maxRetries(2).delay(Duration.ZERO).build());

	private final Clock clock;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	private final HotRows hotRows = new HotRows();

	VisitorTracking(GeoIp geoIp, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
			org.springframework.transaction.support.TransactionTemplate transactions) {
		this.geoIp = geoIp;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** The visit described by a request from {@code clientIp}; stores nothing. */
	public Visit observe(@Nullable String clientIp, @Nullable String userAgent, @Nullable String pageUrl, @Nullable String referrer) {
		var referral = Referrals.parse(pageUrl, referrer);
		var agent = UserAgents.parse(userAgent);
		return new Visit(this.geoIp.locate(clientIp), pageUrl, referral.pagePath(), referrer, referral.referrerDomain(),
				referral.utmSource(), referral.utmMedium(), referral.utmCampaign(), agent.device(), agent.browser());
	}

	/** The location of {@code clientIp}; the address itself is not kept. */
	public Location locate(@Nullable String clientIp) {
		return this.geoIp.locate(clientIp);
	}

	/**
	 * Records that {@code visitorId} started {@code conversationId} during {@code visit}: first and
	 * last seen, pages, referral, device and location, and announces it with {@link VisitorArrived}.
	 */
	public void record(WorkspaceId workspace, UUID botId, UUID visitorId, UUID conversationId, Visit visit) {
		// every new conversation of a bot adds to the same few rows of the day and month (its country, referrer, page, device)
		this.hotRows.write(botId, () -> RACE_LOST.invoke(() -> this.transactions.executeWithoutResult(tx -> store(workspace, botId, visitorId,
				conversationId, visit))));
	}

	private void store(WorkspaceId workspace, UUID botId, UUID visitorId, UUID conversationId, Visit visit) {
		var now = OffsetDateTime.now(this.clock);
		this.jdbc.sql("""
				MERGE INTO visitors_visitor v
				USING (VALUES (CAST(:id AS UUID))) s(id) ON v.id = s.id
				WHEN MATCHED AND v.workspace_id = :ws THEN UPDATE SET last_seen_at = :now, conversations = v.conversations + 1,
				    last_page_url = COALESCE(:page, v.last_page_url), device = :device, browser = :browser,
				    country = COALESCE(:country, v.country), region = COALESCE(:region, v.region), city = COALESCE(:city, v.city)
				WHEN NOT MATCHED THEN INSERT (id, workspace_id, bot_id, first_seen_at, last_seen_at, conversations, first_page_url,
				    last_page_url, referrer, referrer_domain, utm_source, utm_medium, utm_campaign, device, browser, country, region, city)
				  VALUES (:id, :ws, :bot, :now, :now, 1, :page, :page, :referrer, :domain, :source, :medium, :campaign, :device, :browser,
				    :country, :region, :city)
				""")
			.param("id", visitorId).param("ws", workspace.value()).param("bot", botId).param("now", now)
			.param("page", visit.pageUrl()).param("referrer", visit.referrer()).param("domain", visit.referrerDomain())
			.param("source", visit.utmSource()).param("medium", visit.utmMedium()).param("campaign", visit.utmCampaign())
			.param("device", visit.device()).param("browser", visit.browser()).param("country", visit.country())
			.param("region", visit.location().region()).param("city", visit.location().city())
			.update();
		this.events.publishEvent(new VisitorArrived(workspace, botId, conversationId, visitorId, visit.country(), visit.source(),
				visit.pagePath(), visit.device(), now));
	}

	/** Forgets the visitor record of {@code visitorId}, when the visitor erases their data. */
	@Transactional
	public void forget(WorkspaceId workspace, UUID visitorId) {
		this.jdbc.sql("DELETE FROM visitors_visitor WHERE workspace_id = :ws AND id = :id").param("ws", workspace.value()).param("id", visitorId)
			.update();
	}

	/** The country last seen for {@code visitorId} in {@code workspace}, if known. */
	public Optional<String> countryOf(WorkspaceId workspace, UUID visitorId) {
		return this.jdbc.sql("SELECT country FROM visitors_visitor WHERE workspace_id = :ws AND id = :id AND country IS NOT NULL")
			.param("ws", workspace.value()).param("id", visitorId).query(String.class).optional();
	}

}
