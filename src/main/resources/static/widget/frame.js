/*! Softnode chat frame */
(function () {
	'use strict';

	// ---- Pure helpers (also run under node --test, where there is no document) ----

	/** The normalised URL if it is http(s) (or mailto when allowed), else null. */
	function safeUrl(url, mailto) {
		try {
			var u = new URL(String(url).trim());
			return u.protocol === 'https:' || u.protocol === 'http:' || (mailto && u.protocol === 'mailto:') ? u.href : null;
		}
		catch (e) {
			return null;
		}
	}

	var ESCAPABLE = '\\`*_[]()<>#+-.!~|{}';
	var LINK = /!?\[([^\]\n]{1,500})\]\(\s*<?([^\s<>()]*(?:\([^\s()]*\)[^\s<>()]*)?)>?(?:\s+"[^"\n]*")?\s*\)/y;
	var AUTO = /<((?:https?:\/\/|mailto:)[^\s<>]+)>/y;
	var BARE = /https?:\/\/[^\s<>"'`]+/iy;
	var WORD = /[A-Za-z0-9]/;

	/**
	 * Parses inline Markdown into nodes: {t:'t',v} text, {t:'br'}, {t:'code',v}, {t:'b'|'i',c},
	 * {t:'a',h,c}. Links keep only http(s) and mailto targets; images become their alt text.
	 */
	function inline(s, depth, noLink) {
		var out = [], buf = '', i = 0, n = s.length, c, m, j, k, mark, from, url;
		depth = depth || 0;
		function flush() {
			if (buf) out.push({ t: 't', v: buf });
			buf = '';
		}
		function at(re) {
			re.lastIndex = i;
			return re.exec(s);
		}
		while (i < n) {
			c = s[i];
			if (c === '\\' && i + 1 < n && ESCAPABLE.indexOf(s[i + 1]) >= 0) {
				buf += s[i + 1];
				i += 2;
				continue;
			}
			if (c === '\n') {
				flush();
				out.push({ t: 'br' });
				i++;
				continue;
			}
			if (c === '`') {
				for (k = i; s[k] === '`'; k++);
				mark = s.slice(i, k);
				j = s.indexOf(mark, k);
				if (j > k) {
					flush();
					out.push({ t: 'code', v: s.slice(k, j).replace(/^ (.*) $/s, '$1') });
					i = j + mark.length;
					continue;
				}
				buf += mark;
				i = k;
				continue;
			}
			if ((c === '[' || (c === '!' && s[i + 1] === '[')) && !noLink && (m = at(LINK))) {
				flush();
				url = c === '[' && safeUrl(m[2], 1);
				out.push(url ? { t: 'a', h: url, c: inline(m[1], depth + 1, 1) } : { t: 't', v: m[1] });
				i += m[0].length;
				continue;
			}
			if (c === '<' && !noLink && (m = at(AUTO)) && (url = safeUrl(m[1], 1))) {
				flush();
				out.push({ t: 'a', h: url, c: [{ t: 't', v: m[1].replace(/^mailto:/, '') }] });
				i += m[0].length;
				continue;
			}
			if ((c === 'h' || c === 'H') && !noLink && !WORD.test(s[i - 1] || '') && (m = at(BARE))) {
				url = m[0].replace(/[.,;:!?'")\]*_]+$/, '');
				if (safeUrl(url)) {
					flush();
					out.push({ t: 'a', h: safeUrl(url), c: [{ t: 't', v: url }] });
					i += url.length;
					continue;
				}
			}
			if ((c === '*' || c === '_') && depth < 6) {
				mark = s[i + 1] === c ? c + c : c;
				from = i + mark.length;
				j = -1;
				if (from < n && !/\s/.test(s[from]) && !(c === '_' && WORD.test(s[i - 1] || ''))) {
					j = s.indexOf(mark, from);
					// a single marker must not close on half of a double one
					while (mark.length === 1 && j > 0 && s[j + 1] === c) j = s.indexOf(mark, j + 2);
				}
				if (j > from && !/\s/.test(s[j - 1]) && !(c === '_' && WORD.test(s[j + mark.length] || ''))) {
					flush();
					out.push({ t: mark.length === 2 ? 'b' : 'i', c: inline(s.slice(from, j), depth + 1, noLink) });
					i = j + mark.length;
					continue;
				}
				buf += mark;
				i += mark.length;
				continue;
			}
			buf += c;
			i++;
		}
		flush();
		return out;
	}

	var ITEM = /^\s{0,8}([-*+]|\d{1,9}[.)])\s+(.*)$/;

	/** Parses a safe Markdown subset into blocks: {t:'p'|'h',c}, {t:'pre',v}, {t:'ul'|'ol',start,items}. */
	function markdown(text) {
		var lines = String(text).replace(/\r\n?/g, '\n').split('\n'), out = [], para = [], i = 0, m, l;
		function endPara() {
			if (para.length) out.push({ t: 'p', c: inline(para.join('\n')) });
			para = [];
		}
		while (i < lines.length) {
			l = lines[i];
			if ((m = /^\s{0,3}(`{3,}|~{3,})/.exec(l))) {
				endPara();
				var code = [];
				for (i++; i < lines.length && lines[i].trim().indexOf(m[1]) !== 0; i++) code.push(lines[i]);
				if (i >= lines.length && /^\s*[`~]{1,2}$/.test(code[code.length - 1])) code.pop(); // a fence still arriving
				out.push({ t: 'pre', v: code.join('\n') });
				i++;
				continue;
			}
			if (!l.trim() || /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(l)) {
				endPara();
				i++;
				continue;
			}
			if ((m = /^\s{0,3}#{1,6}\s+(.*?)[\s#]*$/.exec(l))) {
				endPara();
				out.push({ t: 'h', c: inline(m[1]) });
				i++;
				continue;
			}
			if ((m = ITEM.exec(l))) {
				endPara();
				var ordered = /\d/.test(m[1]), indent = l.search(/\S/) + 1, k;
				var list = { t: ordered ? 'ol' : 'ul', start: ordered ? parseInt(m[1], 10) : 1, items: [] }, item = [m[2]];
				var sibling = function (line) {
					k = ITEM.exec(line || '');
					return k && /\d/.test(k[1]) === ordered && line.search(/\S/) <= indent;
				};
				for (i++; i < lines.length; i++) {
					l = lines[i];
					if (sibling(l)) {
						list.items.push(item);
						item = [k[2]];
					}
					else if (l.trim() && l.search(/\S/) >= indent) {
						item.push(l.trim()); // continuation or a nested item, kept in its parent
					}
					else if (l.trim() || !(sibling(lines[i + 1]) || /^\s+\S/.test(lines[i + 1] || ''))) {
						break;
					}
				}
				list.items.push(item);
				list.items = list.items.map(function (lines) { return inline(lines.join('\n')); });
				out.push(list);
				continue;
			}
			para.push(l.replace(/^\s{0,3}>\s?/, ''));
			i++;
		}
		endPara();
		return out;
	}

	/** Returns a function fed with decoded text chunks (and true at the end) that calls onEvent(name, data). */
	function sseParser(onEvent) {
		var buf = '', name = '', data = [];
		function line(l) {
			if (l === '') {
				if (data.length) onEvent(name || 'message', data.join('\n'));
				name = '';
				data = [];
				return;
			}
			if (l[0] === ':') return;
			var k = l.indexOf(':'), field = k < 0 ? l : l.slice(0, k), value = k < 0 ? '' : l.slice(k + 1);
			if (value[0] === ' ') value = value.slice(1);
			if (field === 'event') name = value;
			else if (field === 'data') data.push(value);
		}
		return function (chunk, end) {
			var re = /\r\n|\r|\n/g, last = 0, m;
			buf += chunk;
			while ((m = re.exec(buf))) {
				if (m[0] === '\r' && m.index === buf.length - 1 && !end) break; // maybe half of \r\n
				line(buf.slice(last, m.index));
				last = re.lastIndex;
			}
			buf = buf.slice(last);
			if (end) {
				if (buf) line(buf);
				line('');
				buf = '';
			}
		};
	}

	if (typeof document === 'undefined' || !document.getElementById('sn')) {
		globalThis.softnodeFrame = { safeUrl: safeUrl, inline: inline, markdown: markdown, sseParser: sseParser };
		return;
	}

	// ---- The chat frame ----

	var d = document, root = d.getElementById('sn');
	var $ = function (id) { return d.getElementById('sn-' + id); };
	var cfg = parseJson(root.getAttribute('data-config')) || {};
	var publicId = root.getAttribute('data-public-id') || cfg.publicId || '';
	var hostOrigin = root.getAttribute('data-host-origin');
	var inFrame = root.getAttribute('data-mode') !== 'page' && !!hostOrigin && window.parent !== window;
	var script = d.currentScript || d.querySelector('script[src*="frame.js"]');
	var api = new URL('../api/v1/widget/' + encodeURIComponent(publicId), script.src).href;
	var KEY = 'softnode:' + publicId, MAX = 2000;
	var log = $('log'), form = $('form'), input = $('input'), send = $('send'), note = $('note'), chips = $('chips');
	var menu = $('menu'), menuButton = $('menu-button'), confirmBox = $('confirm');
	var state = load(), messages = [], busy = false, locked = false, shown = true, unread = 0;
	var page = { pageUrl: inFrame ? null : location.href, referrer: inFrame ? null : d.referrer || null };
	var typing = null;

	function parseJson(s) {
		try {
			return JSON.parse(s);
		}
		catch (e) {
			return null;
		}
	}

	function objects(value) {
		return Array.isArray(value) ? value.filter(function (x) { return x && typeof x === 'object'; }) : [];
	}

	function el(tag, cls, text, parent) {
		var e = d.createElement(tag);
		if (cls) e.className = cls;
		if (text != null) e.textContent = text;
		if (parent) parent.appendChild(e);
		return e;
	}

	function svg(path, parent) {
		var ns = 'http://www.w3.org/2000/svg', s = d.createElementNS(ns, 'svg'), p = d.createElementNS(ns, 'path');
		s.setAttribute('viewBox', '0 0 24 24');
		s.setAttribute('aria-hidden', 'true');
		p.setAttribute('d', path);
		s.appendChild(p);
		parent.appendChild(s);
	}

	function link(href, parent) {
		var a = el('a', null, null, parent);
		a.href = href;
		a.rel = 'noopener noreferrer';
		a.target = '_blank';
		return a;
	}

	function renderInline(nodes, parent) {
		nodes.forEach(function (n) {
			if (n.t === 't') parent.appendChild(d.createTextNode(n.v));
			else if (n.t === 'br') el('br', null, null, parent);
			else if (n.t === 'code') el('code', null, n.v, parent);
			else renderInline(n.c, n.t === 'a' ? link(n.h, parent) : el(n.t === 'b' ? 'strong' : 'em', null, null, parent));
		});
		return parent;
	}

	function renderMarkdown(text, parent) {
		markdown(text).forEach(function (b) {
			if (b.t === 'pre') el('code', null, b.v, el('pre', null, null, parent));
			else if (b.t === 'p') renderInline(b.c, el('p', null, null, parent));
			else if (b.t === 'h') renderInline(b.c, el('strong', null, null, el('p', null, null, parent)));
			else {
				var list = el(b.t, null, null, parent);
				if (b.start !== 1) list.start = b.start;
				b.items.forEach(function (item) { renderInline(item, el('li', null, null, list)); });
			}
		});
		return parent;
	}

	// ---- Storage: one JSON record per bot in the platform origin's localStorage ----

	function load() {
		try {
			var s = JSON.parse(localStorage.getItem(KEY));
			if (s && typeof s === 'object') return s;
		}
		catch (e) { /* storage blocked or corrupt: start fresh */ }
		return {};
	}

	function save() {
		var kept = messages.filter(function (m) { return m.id && m.status !== 'failed'; }).slice(-50).map(function (m) {
			return { id: m.id, role: m.role, text: m.text.slice(0, 20000), status: m.status, sources: m.sources, feedback: m.feedback };
		});
		var record = { conversationId: state.conversationId, visitorId: state.visitorId, visitorToken: state.visitorToken, lead: state.lead, notice: state.notice, messages: kept };
		try {
			localStorage.setItem(KEY, JSON.stringify(record));
		}
		catch (e) {
			try {
				record.messages = [];
				localStorage.setItem(KEY, JSON.stringify(record));
			}
			catch (ignored) { /* no storage: the conversation lives as long as the page */ }
		}
	}

	// ---- Rendering ----

	function nearBottom() {
		return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
	}

	function scroll(force) {
		if (force || nearBottom()) log.scrollTop = log.scrollHeight;
	}

	function who(m) {
		return m.role === 'visitor' ? 'You' : cfg.name || 'Assistant';
	}

	/** (Re)draws one message's node from its model. */
	function draw(m) {
		var node = m.node || (m.node = el('div'));
		node.className = 'msg ' + (m.role === 'visitor' ? 'me' : 'bot') + (m.status === 'error' || m.status === 'failed' ? ' error' : '');
		node.textContent = '';
		el('span', 'vh', who(m) + ': ', node);
		var body = el('div', 'body', null, node);
		if (m.role === 'visitor') body.textContent = m.text;
		else renderMarkdown(m.text, body);
		if (m.errorText) el('p', 'fail', m.errorText, node);
		if (m.status === 'failed') {
			var retry = el('button', 'retry', 'Retry', node);
			retry.type = 'button';
			retry.addEventListener('click', function () { submit(m.text, m); });
		}
		if (objects(m.sources).length) {
			var box = el('div', 'sources', null, node);
			el('p', null, 'Sources', box);
			var list = el('ul', null, null, box);
			objects(m.sources).slice(0, 10).forEach(function (s) {
				var title = String(s.title || s.url || 'Source'), url = s.url && /^https?:/i.test(s.url) && safeUrl(s.url);
				var li = el('li', null, null, list);
				if (url) link(url, li).textContent = title;
				else li.textContent = title;
			});
		}
		if (m.role === 'assistant' && m.id && m.status !== 'error' && m.status !== 'streaming') {
			var fb = el('div', 'rate', null, node);
			fb.setAttribute('role', 'group');
			fb.setAttribute('aria-label', 'Was this helpful?');
			['up', 'down'].forEach(function (r) {
				var b = el('button', r, null, fb);
				b.type = 'button';
				b.setAttribute('aria-label', r === 'up' ? 'Helpful' : 'Not helpful');
				b.setAttribute('aria-pressed', String(m.feedback === r));
				svg('M2 10h4v11H2zm6 11h9.2a2 2 0 0 0 2-1.6l1.7-7.2A2 2 0 0 0 19 10h-5.3l.8-4a2.2 2.2 0 0 0-4-1.6L8 9.6z', b);
				b.addEventListener('click', function () { rate(m, r); });
			});
		}
		return node;
	}

	function add(m) {
		var stick = nearBottom();
		messages.push(m);
		log.insertBefore(draw(m), typing);
		scroll(stick || m.role === 'visitor');
		return m;
	}

	function remove(m) {
		messages.splice(messages.indexOf(m), 1);
		if (m.node) m.node.remove();
	}

	function greet() {
		log.textContent = '';
		typing = null;
		if (cfg.greeting) {
			var g = el('div', 'msg bot', null, log);
			renderMarkdown(cfg.greeting, el('div', 'body', null, g));
		}
	}

	function renderAll() {
		greet();
		messages.forEach(function (m) { log.appendChild(draw(m)); });
		updateChips();
		scroll(true);
	}

	function updateChips() {
		var fresh = !messages.length && !locked;
		chips.textContent = '';
		chips.hidden = !fresh || !(cfg.suggestedQuestions || []).length;
		if (fresh) {
			(cfg.suggestedQuestions || []).slice(0, 6).forEach(function (q) {
				var b = el('button', null, String(q), chips);
				b.type = 'button';
				b.addEventListener('click', function () { submit(String(q)); });
			});
		}
	}

	function showTyping(on) {
		if (on && !typing) {
			typing = el('div', 'msg bot typing', null, log);
			el('span', 'vh', 'The assistant is typing', typing);
			for (var i = 0; i < 3; i++) el('i', null, null, typing);
			scroll();
		}
		else if (!on && typing) {
			typing.remove();
			typing = null;
		}
	}

	function setNote(text, kind) {
		note.textContent = text || '';
		note.className = 'note' + (kind ? ' ' + kind : '');
	}

	function setBusy(on) {
		busy = on;
		input.readOnly = on || locked;
		input.disabled = locked;
		send.disabled = on || locked;
		form.setAttribute('aria-busy', String(on));
	}

	function toHost(msg) {
		if (inFrame) {
			try {
				window.parent.postMessage(msg, hostOrigin);
			}
			catch (e) { /* an invalid origin: nobody to tell */ }
		}
	}

	// ---- API calls ----

	function Problem(status, body, retryAfter) {
		this.status = status;
		this.body = body;
		this.code = body && body.code;
		this.detail = body && (body.detail || body.title);
		this.retryAfter = retryAfter;
	}

	async function call(method, path, body, accept) {
		var headers = { Accept: accept || 'application/json' };
		if (state.visitorToken) headers.Authorization = 'Bearer ' + state.visitorToken;
		if (body) headers['Content-Type'] = 'application/json';
		var r = await fetch(api + path, { method: method, headers: headers, body: body && JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
		if (!r.ok) {
			var problem = parseJson(await r.text().catch(function () { return ''; }));
			throw new Problem(r.status, problem, parseInt(r.headers.get('Retry-After'), 10));
		}
		return r;
	}

	function forgetConversation() {
		state.conversationId = null;
		state.visitorToken = null;
		save();
	}

	async function startConversation() {
		var r = await call('POST', '/conversations', {
			visitorId: state.visitorId || undefined, pageUrl: page.pageUrl || undefined,
			referrer: page.referrer || undefined, locale: navigator.language || undefined, privacyNoticeVersion: state.notice || undefined
		});
		var c = await r.json();
		state.conversationId = c.conversationId;
		state.visitorId = c.visitorId;
		state.visitorToken = c.visitorToken;
		save();
	}

	function randomId() {
		if (crypto.randomUUID) return crypto.randomUUID();
		return Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return (b + 256).toString(16).slice(1); }).join('');
	}

	/** Sends a visitor message (or retries {@code retry} with its clientMessageId) and streams the answer. */
	async function submit(text, retry) {
		text = String(text || '').trim();
		if (!text || busy || locked) return;
		if (text.length > MAX) {
			setNote('Your message is too long (' + text.length + ' of ' + MAX + ' characters).', 'error');
			return;
		}
		var v = retry || add({ role: 'visitor', text: text, cid: randomId() }), a = null, r, renewed = false, leadLater = false;
		v.status = 'sending';
		v.errorText = null;
		draw(v);
		setBusy(true);
		setNote('');
		updateChips();
		chips.hidden = true;
		showTyping(true);
		try {
			for (;;) {
				try {
					if (!state.conversationId) await startConversation();
					r = await call('POST', '/conversations/' + encodeURIComponent(state.conversationId) + '/messages',
						{ text: v.text, clientMessageId: v.cid }, 'text/event-stream');
					break;
				}
				catch (e) {
					// an expired or erased conversation: start a new one once and send again
					if (renewed || !(e.status === 401 || e.status === 404)) throw e;
					renewed = true;
					forgetConversation();
				}
			}
			var finished = false, pending = false;
			var paint = function () {
				pending = false;
				if (a) {
					var stick = nearBottom();
					draw(a);
					scroll(stick);
				}
			};
			var parse = sseParser(function (event, data) {
				var x = parseJson(data) || {};
				if (event === 'user') {
					v.id = x.id;
					v.status = 'sent';
				}
				else if (event === 'delta' || event === 'done' || event === 'error') {
					showTyping(false);
					if (!a) {
						a = add({ role: 'assistant', text: '', status: 'streaming' });
						a.node.setAttribute('aria-busy', 'true');
					}
					if (event === 'delta') {
						a.text += x.text || '';
						if (!pending) {
							pending = true;
							requestAnimationFrame(paint);
						}
						return;
					}
					finished = true;
					a.node.removeAttribute('aria-busy');
					if (event === 'done') {
						a.id = x.id;
						a.status = 'done';
						a.sources = objects(x.sources);
						leadLater = x.answered === false;
					}
					else {
						a.status = 'error';
						a.errorText = x.message || 'Sorry, something went wrong. Please try again.';
					}
					paint();
					if (!shown) toHost({ type: 'softnode:unread', count: ++unread });
				}
			});
			if (!/event-stream/.test(r.headers.get('Content-Type') || '') || !r.body) throw new Problem(0);
			var reader = r.body.getReader(), decoder = new TextDecoder();
			for (;;) {
				var chunk = await reader.read();
				if (chunk.done) break;
				parse(decoder.decode(chunk.value, { stream: true }));
			}
			parse(decoder.decode(), true);
			if (!finished) throw new Problem(0);
			if (v.status === 'sending') v.status = 'sent';
			save();
			setBusy(false);
			showLead(leadLater);
		}
		catch (e) {
			showTyping(false);
			if (a && !(a.status === 'done' || a.status === 'error')) remove(a); // a cut-off answer is asked again
			failed(e, v);
		}
		if (!busy && d.activeElement === d.body) input.focus();
	}

	// ---- Lead form: before the chat, after N visitor messages, or when the bot could not answer ----

	var lead = cfg.leadCapture || {}, leadBox = null, LABELS = { name: 'Name', email: 'Email', phone: 'Phone', company: 'Company' };

	function showLead(unanswered) {
		var sent = messages.filter(function (m) { return m.role === 'visitor'; }).length;
		if (state.lead || leadBox || gate || !lead.mode || lead.mode === 'OFF') return;
		if (!unanswered && (lead.mode === 'WHEN_UNANSWERED' || lead.mode === 'AFTER_MESSAGES' && sent < (lead.afterMessages || 1))) return;
		var box = leadBox = el('form', 'lead'), fields = {};
		box.noValidate = true;
		box.setAttribute('aria-label', 'Contact details');
		el('p', null, unanswered ? 'Leave your email and we will get back to you.' : 'Leave your contact details and we will get back to you.', box);
		(Array.isArray(lead.fields) ? lead.fields : ['email']).concat(lead.question ? ['answer', 'consent'] : ['consent']).forEach(function (f) {
			if (fields[f]) return;
			var label = el('label', f === 'consent' ? 'check' : null, null, box), i = el('input');
			i.name = f;
			if (f === 'consent') {
				i.type = 'checkbox';
				label.appendChild(i);
				el('span', null, String(lead.consentText || ''), label);
				var policy = lead.privacyUrl && safeUrl(lead.privacyUrl);
				if (policy) link(policy, label).textContent = 'Privacy policy';
			}
			else {
				el('span', null, f === 'answer' ? String(lead.question) + (lead.questionRequired ? '' : ' (optional)') : LABELS[f] || f, label);
				i.type = { email: 'email', phone: 'tel' }[f] || 'text';
				i.maxLength = { phone: 40, answer: 1000 }[f] || 200;
				i.autocomplete = { name: 'name', email: 'email', phone: 'tel', company: 'organization' }[f];
				label.appendChild(i);
			}
			fields[f] = { input: i, error: el('span', 'err', null, label) };
		});
		var row = el('div', 'row', null, box);
		el('button', 'primary', 'Send', row).type = 'submit';
		var skip = el('button', null, 'No thanks', row);
		skip.type = 'button';
		skip.addEventListener('click', function () { done(); });
		function done(text) {
			state.lead = text ? 'sent' : 'skipped';
			save();
			box.remove();
			if (text) add({ role: 'assistant', text: text, status: 'done' });
		}
		function errors(list) {
			Object.keys(fields).forEach(function (f) { fields[f].error.textContent = ''; fields[f].input.removeAttribute('aria-invalid'); });
			list.forEach(function (x) {
				var f = fields[x.field] || fields.email;
				f.error.textContent = x.message;
				f.input.setAttribute('aria-invalid', 'true');
			});
			if (list.length) (fields[list[0].field] || fields.email).input.focus();
			return list.length > 0;
		}
		box.addEventListener('submit', async function (e) {
			e.preventDefault();
			var body = {}, local = [];
			Object.keys(fields).forEach(function (f) { body[f] = f === 'consent' ? fields[f].input.checked : fields[f].input.value.trim() || undefined; });
			if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email || '')) local.push({ field: 'email', message: 'Enter a valid email address, like name@example.com.' });
			if (lead.question && lead.questionRequired && !body.answer) local.push({ field: 'answer', message: 'Please answer the question.' });
			if (!body.consent) local.push({ field: 'consent', message: 'Please tick the box to agree that we may store your details.' });
			if (errors(local)) return;
			try {
				if (!state.conversationId) await startConversation();
				await call('POST', '/conversations/' + encodeURIComponent(state.conversationId) + '/lead', body);
				done('Thank you! We will get back to you at ' + body.email + '.');
			}
			catch (x) {
				errors(x.body && Array.isArray(x.body.errors) ? objects(x.body.errors) : [{ field: 'email', message: x.detail || 'Sorry, that did not work. Please try again.' }]);
			}
		});
		form.before(box);
		box.querySelector('input').focus();
	}

	function failed(e, v) {
		var status = e instanceof Problem ? e.status : 0;
		if (status === 429 || status === 503) {
			remove(v);
			input.value = v.text;
			var wait = e.retryAfter > 0 ? Math.min(e.retryAfter, 600) : 10;
			var why = status === 503 ? 'Lots of people are chatting right now' : 'You\'re sending messages quickly';
			var tick = function () {
				if (wait <= 0) {
					setNote('');
					setBusy(false);
					input.focus();
					return;
				}
				setNote(why + ' — please wait ' + wait + (wait === 1 ? ' second.' : ' seconds.'), 'wait');
				wait--;
				setTimeout(tick, 1000);
			};
			tick();
			return;
		}
		setBusy(false);
		if (e.code === 'consent_required') {
			remove(v);
			input.value = v.text;
			state.notice = null;
			notice();
			return;
		}
		if (status === 403 && e.code === 'origin_not_allowed') {
			remove(v);
			locked = true;
			setBusy(false);
			updateChips();
			setNote('This chat is not available on this site.', 'error');
			return;
		}
		if (status >= 400 && status < 500) {
			remove(v);
			input.value = v.text;
			resize();
			setNote(e.detail || 'Your message could not be sent.', 'error');
			return;
		}
		v.status = 'failed';
		v.errorText = status ? 'Something went wrong on our side.' : 'Could not reach the chat. Check your connection.';
		draw(v);
		scroll(true);
		updateChips();
		chips.hidden = true;
	}

	function showRating(m) {
		m.node.querySelectorAll('.rate button').forEach(function (b) {
			b.setAttribute('aria-pressed', String(b.classList.contains(m.feedback || 'none')));
		});
	}

	async function rate(m, rating) {
		var before = m.feedback;
		m.feedback = rating;
		showRating(m);
		try {
			await call('POST', '/messages/' + encodeURIComponent(m.id) + '/feedback', { rating: rating });
			save();
		}
		catch (e) {
			m.feedback = before;
			showRating(m);
			setNote('Your feedback could not be saved.', 'error');
		}
	}

	async function refresh() {
		if (!state.conversationId || !state.visitorToken) return;
		try {
			var r = await call('GET', '/conversations/' + encodeURIComponent(state.conversationId) + '/messages');
			var items = ((await r.json()) || {}).items;
			if (!Array.isArray(items) || busy) return;
			var fresh = items.map(function (x) {
				return {
					id: x.id, role: x.role === 'visitor' ? 'visitor' : 'assistant', text: String(x.text || ''),
					status: x.status === 'error' || x.status === 'failed' ? 'error' : x.status, sources: objects(x.sources), feedback: x.feedback
				};
			});
			var sig = function (list) { return JSON.stringify(list.map(function (m) { return [m.id, m.text.length, m.feedback, (m.sources || []).length]; })); };
			if (sig(fresh) !== sig(messages)) {
				messages = fresh;
				renderAll();
			}
			save();
		}
		catch (e) {
			if (e.status === 401 || e.status === 404) {
				// the server no longer knows this conversation (expired or erased elsewhere)
				forgetConversation();
				messages = [];
				renderAll();
			}
		}
	}

	function newConversation() {
		state.conversationId = null;
		messages = [];
		save();
		renderAll();
		setNote('');
		input.focus();
	}

	async function eraseEverything() {
		confirmBox.hidden = true;
		try {
			if (state.visitorToken) await call('DELETE', '/visitor');
		}
		catch (e) {
			if (!(e.status === 401 || e.status === 404)) {
				setNote('Your data could not be deleted. Please try again.', 'error');
				menuButton.focus();
				return;
			}
		}
		try {
			localStorage.removeItem(KEY);
		}
		catch (e) { /* nothing stored */ }
		state = {};
		messages = [];
		renderAll();
		setNote('Your data has been deleted.', 'ok');
		input.focus();
		notice();
	}

	// ---- Privacy notice: accepted (and recorded by the server) before anything is sent ----

	var pn = cfg.privacyNotice, gate = null;

	function notice() {
		if (!pn || !pn.required || state.notice === pn.version || gate) return;
		gate = el('div', 'lead', null);
		gate.setAttribute('role', 'region');
		gate.setAttribute('aria-label', 'Privacy notice');
		renderInline(inline(String(pn.text)), el('p', null, null, gate));
		var policy = pn.privacyUrl && safeUrl(pn.privacyUrl);
		if (policy) link(policy, el('p', null, null, gate)).textContent = 'Privacy policy';
		var ok = el('button', 'primary', 'Accept and continue', el('div', 'row', null, gate));
		ok.type = 'button';
		ok.addEventListener('click', async function () {
			state.notice = pn.version;
			try {
				if (state.visitorToken) await call('POST', '/consent', { version: pn.version }).catch(function (e) {
					if (e.status !== 401) throw e;
					forgetConversation();
				});
				if (!state.conversationId) await startConversation();
			}
			catch (e) {
				state.notice = null;
				return setNote(e.detail || 'That did not work. Please try again.', 'error');
			}
			save();
			gate.remove();
			gate = null;
			locked = false;
			setBusy(false);
			updateChips();
			setNote('');
			input.focus();
			showLead(false);
		});
		locked = true;
		setBusy(false);
		updateChips();
		form.before(gate);
	}

	async function download() {
		try {
			var r = await call('GET', '/conversations/' + encodeURIComponent(state.conversationId) + '/transcript', null, 'text/plain');
			var a = el('a', null, null, d.body);
			a.href = URL.createObjectURL(await r.blob());
			a.download = 'conversation.txt';
			a.click();
			a.remove();
			setTimeout(URL.revokeObjectURL, 60000, a.href);
		}
		catch (e) {
			setNote(state.conversationId ? 'Your conversation could not be downloaded.' : 'There is no conversation to download yet.', 'error');
		}
	}

	// ---- Menu and confirmation ----

	function menuItems() {
		return Array.prototype.slice.call(menu.querySelectorAll('[role=menuitem]'));
	}

	function toggleMenu(open, focusButton) {
		menu.hidden = !open;
		menuButton.setAttribute('aria-expanded', String(open));
		if (open) menuItems()[0].focus();
		else if (focusButton) menuButton.focus();
	}

	menuButton.addEventListener('click', function () { toggleMenu(menu.hidden); });
	menu.addEventListener('keydown', function (e) {
		var items = menuItems(), i = items.indexOf(d.activeElement);
		if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
			e.preventDefault();
			items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length].focus();
		}
		else if (e.key === 'Tab') {
			toggleMenu(false);
		}
	});
	d.addEventListener('click', function (e) {
		var action = e.target.closest && e.target.closest('[data-action]');
		if (!menu.hidden && !e.target.closest('#sn-menu-button')) toggleMenu(false);
		if (!action) return;
		var name = action.getAttribute('data-action');
		if (busy && name !== 'cancel') setNote('Please wait until the answer is complete.');
		else if (name === 'new') newConversation();
		else if (name === 'download') download();
		else if (name === 'delete') {
			confirmBox.hidden = false;
			confirmBox.querySelector('[data-action=cancel]').focus();
		}
		else if (name === 'erase') eraseEverything();
		else if (name === 'cancel') {
			confirmBox.hidden = true;
			menuButton.focus();
		}
	});
	d.addEventListener('keydown', function (e) {
		if (e.key !== 'Escape') return;
		if (!menu.hidden) toggleMenu(false, true);
		else if (!confirmBox.hidden) {
			confirmBox.hidden = true;
			menuButton.focus();
		}
		else toHost({ type: 'softnode:close' });
	});

	// ---- Composer ----

	function resize() {
		input.style.height = 'auto';
		input.style.height = Math.min(input.scrollHeight, 140) + 'px';
		var n = input.value.length;
		$('count').textContent = n >= MAX - 200 ? n + ' / ' + MAX : '';
	}

	form.addEventListener('submit', function (e) {
		e.preventDefault();
		if (busy) return;
		var text = input.value;
		if (!text.trim()) return;
		input.value = '';
		resize();
		submit(text);
	});
	input.addEventListener('keydown', function (e) {
		if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
			e.preventDefault();
			form.requestSubmit();
		}
	});
	input.addEventListener('input', resize);

	$('close').addEventListener('click', function () { toHost({ type: 'softnode:close' }); });

	window.addEventListener('message', function (e) {
		var m = e.data;
		if (!inFrame || e.source !== window.parent || e.origin !== hostOrigin || !m || typeof m !== 'object') return;
		if (m.type === 'softnode:open') {
			shown = true;
			unread = 0;
			if (typeof m.pageUrl === 'string') page.pageUrl = m.pageUrl.slice(0, 2000);
			if (typeof m.referrer === 'string') page.referrer = m.referrer.slice(0, 2000) || null;
			if (m.focus !== false && confirmBox.hidden) input.focus();
		}
		else if (m.type === 'softnode:hidden') {
			shown = false;
		}
	});

	// ---- Start: settings, stored conversation at once, then the server's copy ----

	if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(cfg.accentColor || '')) {
		var h = cfg.accentColor.length < 5 ? cfg.accentColor.replace(/\w/g, '$&$&') : cfg.accentColor, n = parseInt(h.slice(1), 16);
		var light = ((n >> 16) * 299 + (n >> 8 & 255) * 587 + (n & 255) * 114) / 1000 > 150;
		root.style.setProperty('--accent', cfg.accentColor);
		root.style.setProperty('--accent-ink', light ? '#111' : '#fff');
		root.classList.toggle('light-accent', light); // links and chips need a darker shade on white
	}
	if (cfg.name) {
		$('name').textContent = cfg.name;
		d.title = cfg.name;
	}
	var avatar = cfg.avatarUrl && (safeUrl(cfg.avatarUrl) || (/^\/[^/\\]/.test(cfg.avatarUrl) ? cfg.avatarUrl : null));
	if (avatar) {
		var img = el('img', 'avatar');
		img.alt = '';
		img.src = avatar;
		$('name').before(img);
	}
	if (pn && !pn.required) renderInline(inline(String(pn.text)), $('privacy'));
	$('powered').hidden = cfg.poweredBy !== true;
	$('close').hidden = !inFrame;
	root.classList.toggle('page', root.getAttribute('data-mode') === 'page');

	messages = (Array.isArray(state.messages) ? state.messages : []).filter(function (m) {
		return m && typeof m.text === 'string' && (m.role === 'visitor' || m.role === 'assistant');
	});
	renderAll();
	setBusy(false);
	refresh();
	notice();
	showLead(false);
	toHost({ type: 'softnode:ready' });
})();
