package ai.softnode.billing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Stripe API endpoints the platform calls (customers, Checkout sessions,
 * billing portal sessions), answering in Stripe's JSON shapes, and a signer of webhook events with
 * Stripe's real scheme ({@code t=…,v1=HMAC-SHA256(secret, "t.payload")}).
 */
final class FakeStripe implements AutoCloseable {

	private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

	private final HttpServer server;

	private final AtomicInteger ids = new AtomicInteger();

	// Test classes share one database, so ids are unique across fakes, as Stripe's are.
	private final String instance = java.util.UUID.randomUUID().toString().substring(0, 8);

	private final Map<String, String> idempotent = new ConcurrentHashMap<>();

	private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	private FakeStripe(HttpServer server) {
		this.server = server;
	}

	static FakeStripe start() {
		try {
			var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			var fake = new FakeStripe(server);
			server.createContext("/", fake::handle);
			server.start();
			return fake;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** What the platform sent, in order. */
	List<Request> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	List<Request> requests(String path) {
		return requests().stream().filter(request -> request.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		var form = parse(body);
		var path = exchange.getRequestURI().getPath();
		var authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
		var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		this.requests.add(new Request(exchange.getRequestMethod(), path, form, authorization, key));
		String json;
		if (!authorization.startsWith("Bearer sk_test_")) {
			send(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}");
			return;
		}
		if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/customers")) {
			json = key == null ? customer(form) : this.idempotent.computeIfAbsent(key, k -> customer(form));
		}
		else if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/checkout/sessions")) {
			var id = "cs_test_" + this.instance + this.ids.incrementAndGet();
			json = """
					{"id":"%s","object":"checkout.session","mode":"subscription","customer":"%s","client_reference_id":"%s",
					 "success_url":"%s","cancel_url":"%s","url":"%s/pay/%s","status":"open"}"""
				.formatted(id, form.get("customer"), form.get("client_reference_id"), form.get("success_url"), form.get("cancel_url"),
						baseUrl(), id);
		}
		else if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/billing_portal/sessions")) {
			var id = "bps_" + this.instance + this.ids.incrementAndGet();
			json = """
					{"id":"%s","object":"billing_portal.session","customer":"%s","return_url":"%s","url":"%s/portal/%s"}"""
				.formatted(id, form.get("customer"), form.get("return_url"), baseUrl(), id);
		}
		else if (exchange.getRequestMethod().equals("DELETE") && path.startsWith("/v1/subscriptions/")) {
			var id = path.substring("/v1/subscriptions/".length());
			if (id.contains("unreachable")) {
				send(exchange, 500, "{\"error\":{\"type\":\"api_error\",\"message\":\"Stripe is down\"}}");
				return;
			}
			json = "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"status\":\"canceled\"}";
		}
		else {
			send(exchange, 404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
			return;
		}
		send(exchange, 200, json);
	}

	private String customer(Map<String, String> form) {
		return """
				{"id":"cus_test_%s","object":"customer","email":%s,"name":%s,"metadata":{"workspace_id":"%s"}}"""
			.formatted(this.instance + this.ids.incrementAndGet(), quoted(form.get("email")), quoted(form.get("name")), form.get("metadata[workspace_id]"));
	}

	private static String quoted(String value) {
		return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static void send(HttpExchange exchange, int status, String json) throws IOException {
		var bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Request-Id", "req_fake");
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> parse(String body) {
		var form = new LinkedHashMap<String, String>();
		for (var pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			var eq = pair.indexOf('=');
			var name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			form.put(name, value);
		}
		return form;
	}

	/** Posts {@code payload} to the platform's webhook endpoint as Stripe does; no header when {@code signature} is null. */
	static java.net.http.HttpResponse<String> post(String platformBaseUrl, String payload, String signature) {
		var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(platformBaseUrl + "/api/v1/billing/stripe/webhook"))
			.timeout(java.time.Duration.ofSeconds(30))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
		if (signature != null) {
			request.header("Stripe-Signature", signature);
		}
		try {
			return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An event as Stripe sends it, around {@code objectJson}. */
	static String event(String id, String type, long created, String objectJson) {
		return """
				{"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
				 "type":"%s","data":{"object":%s}}""".formatted(id, Stripe.API_VERSION, created, type, objectJson);
	}

	/** The {@code Stripe-Signature} header for {@code payload} signed at {@code timestamp} (epoch seconds). */
	static String sign(String payload, String secret, long timestamp) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			var digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
			var hex = new StringBuilder();
			for (var b : digest) {
				hex.append(String.format("%02x", b));
			}
			return "t=" + timestamp + ",v1=" + hex;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String subscription(String id, String customer, String status, String priceId, long periodStart, long periodEnd,
			boolean cancelAtPeriodEnd) {
		return """
				{"id":"%s","object":"subscription","customer":"%s","status":"%s","cancel_at_period_end":%s,
				 "items":{"object":"list","data":[{"id":"si_%s","object":"subscription_item","current_period_start":%d,
				 "current_period_end":%d,"price":{"id":"%s","object":"price"}}]}}"""
			.formatted(id, customer, status, cancelAtPeriodEnd, id, periodStart, periodEnd, priceId);
	}

	static String invoice(String id, String customer, long amount, long created) {
		return """
				{"id":"%s","object":"invoice","customer":"%s","number":"INV-%s","currency":"usd","amount_due":%d,"amount_paid":%d,
				 "created":%d,"hosted_invoice_url":"https://invoice.stripe.test/%s"}"""
			.formatted(id, customer, id, amount, amount, created, id);
	}

	static String checkoutSession(String id, String customer, String workspace, String subscription) {
		return """
				{"id":"%s","object":"checkout.session","mode":"subscription","customer":"%s","client_reference_id":"%s",
				 "subscription":"%s","status":"complete","payment_status":"paid"}""".formatted(id, customer, workspace, subscription);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Request(String method, String path, Map<String, String> form, String authorization, String idempotencyKey) {
	}

}
