/*! Softnode widget loader */
(function (w, d) {
	'use strict';
	var stub = w.softnode;
	if (stub && stub.sn) {
		return; // included twice: the first copy already runs
	}
	var me = d.currentScript || d.querySelector('script[data-bot][src*="widget.js"]');
	var bot = me && me.getAttribute('data-bot');
	if (!bot) {
		return;
	}
	var base = new URL('./', me.src);
	var origin = base.origin;
	var queue = (stub && stub.q) || [];
	var isOpen = false, ready = false, unread = 0, frame, label = 'Open chat', name = 'Chat';
	var NS = 'http://www.w3.org/2000/svg';

	function el(tag, cls, parent) {
		var e = d.createElement(tag);
		if (cls) e.className = cls;
		if (parent) parent.appendChild(e);
		return e;
	}

	function icon(cls, path) {
		var s = d.createElementNS(NS, 'svg'), p = d.createElementNS(NS, 'path');
		s.setAttribute('viewBox', '0 0 24 24');
		s.setAttribute('aria-hidden', 'true');
		s.setAttribute('class', cls);
		p.setAttribute('d', path);
		p.setAttribute('fill', 'currentColor');
		s.appendChild(p);
		return s;
	}

	// Dark or light text, whichever reads better on the accent (YIQ brightness).
	function ink(hex) {
		var h = hex.length < 5 ? hex.replace(/\w/g, '$&$&') : hex, n = parseInt(h.slice(1), 16);
		return ((n >> 16) * 299 + (n >> 8 & 255) * 587 + (n & 255) * 114) / 1000 > 150 ? '#111' : '#fff';
	}

	var host = d.createElement('softnode-widget');
	host.style.setProperty('all', 'initial', 'important');
	var root = host.attachShadow({ mode: 'open' });
	var css = ':host{all:initial}' +
		'.w{--a:#4f46e5;--i:#fff;font:600 15px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
		'.b,.p{position:fixed;z-index:2147483000;right:20px;box-sizing:border-box}' +
		'.L .b,.L .p{right:auto;left:20px}' +
		'.b{bottom:20px;display:flex;align-items:center;justify-content:center;gap:8px;min-width:56px;height:56px;' +
		'margin:0;padding:0 16px;border:0;border-radius:28px;background:var(--a);color:var(--i);font:inherit;cursor:pointer;' +
		'box-shadow:0 4px 16px rgba(0,0,0,.25)}' +
		'.b:hover{filter:brightness(1.1)}.b:focus-visible{outline:3px solid var(--a);outline-offset:3px}' +
		'.b svg{width:26px;height:26px;flex:none}.x,.O .c,.O .l,.l:empty{display:none}.O .x{display:block}' +
		'.n{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;box-sizing:border-box;' +
		'border-radius:10px;background:#d92d20;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}' +
		'.n:empty,.O .n{display:none}' +
		'.p{bottom:88px;width:380px;height:600px;max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);' +
		'border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 12px 48px rgba(0,0,0,.28)}' +
		'.p[hidden]{display:none}iframe{display:block;width:100%;height:100%;border:0}' +
		'@media(prefers-color-scheme:dark){.p{background:#16171d}}' +
		'@media(max-width:480px){.p,.L .p{inset:0;width:100%;height:100%;max-width:none;max-height:none;border-radius:0}' +
		'.O .b,.l{display:none}}';
	try {
		var sheet = new CSSStyleSheet();
		sheet.replaceSync(css);
		root.adoptedStyleSheets = [sheet]; // constructed sheets also work under a strict host style-src
	} catch (e) {
		el('style', null, root).textContent = css;
	}

	var wrap = el('div', 'w', root);
	var panel = el('div', 'p', wrap);
	panel.id = 'softnode-panel';
	panel.hidden = true;
	var btn = el('button', 'b', wrap);
	btn.type = 'button';
	btn.setAttribute('aria-controls', panel.id);
	btn.setAttribute('aria-expanded', 'false');
	btn.appendChild(icon('c', 'M5 3h14a3 3 0 0 1 3 3v9a3 3 0 0 1-3 3h-7l-5 4v-4H5a3 3 0 0 1-3-3V6a3 3 0 0 1 3-3z'));
	btn.appendChild(icon('x', 'M6.3 4.9 12 10.6l5.7-5.7 1.4 1.4-5.7 5.7 5.7 5.7-1.4 1.4-5.7-5.7-5.7 5.7-1.4-1.4 5.7-5.7-5.7-5.7z'));
	var text = el('span', 'l', btn);
	var badge = el('span', 'n', btn);
	badge.setAttribute('aria-hidden', 'true');

	function refresh() {
		wrap.classList.toggle('O', isOpen);
		btn.setAttribute('aria-expanded', String(isOpen));
		btn.setAttribute('aria-label', isOpen ? 'Close chat' : label + (unread ? ' (' + unread + ' unread)' : ''));
		badge.textContent = unread && !isOpen ? unread > 9 ? '9+' : unread : '';
	}

	function post(msg) {
		if (frame && ready) frame.contentWindow.postMessage(msg, origin);
	}

	function openMessage(focus) {
		return { type: 'softnode:open', focus: focus, pageUrl: location.href.split('#')[0], referrer: d.referrer };
	}

	function setOpen(open, focus) {
		open = !!open;
		if (open === isOpen) return;
		var hadFocus = d.activeElement === host;
		isOpen = open;
		if (open && !frame) {
			frame = el('iframe', null, panel);
			frame.title = name;
			frame.setAttribute('allow', 'clipboard-write');
			frame.src = base.href + 'widget/frame/' + encodeURIComponent(bot) +
				'?host=' + encodeURIComponent(location.origin);
		}
		panel.hidden = !open;
		if (open) {
			unread = 0;
			if (focus !== false) frame.focus();
			post(openMessage(focus !== false));
		}
		else {
			post({ type: 'softnode:hidden' });
			if (hadFocus) btn.focus();
		}
		refresh();
	}

	function api(command) {
		if (command === 'open') setOpen(true);
		else if (command === 'close') setOpen(false);
		else if (command === 'toggle') setOpen(!isOpen);
	}
	['open', 'close', 'toggle'].forEach(function (k) {
		api[k] = function () { api(k); };
	});
	api.sn = 1;
	w.softnode = api;

	btn.addEventListener('click', function () { setOpen(!isOpen); });
	d.addEventListener('keydown', function (e) {
		if (isOpen && e.key === 'Escape' && !e.defaultPrevented) setOpen(false);
	});
	w.addEventListener('message', function (e) {
		var m = e.data;
		if (!frame || e.origin !== origin || e.source !== frame.contentWindow || !m || typeof m !== 'object') return;
		if (m.type === 'softnode:ready') {
			ready = true;
			post(isOpen ? openMessage(d.activeElement === host) : { type: 'softnode:hidden' });
		}
		else if (m.type === 'softnode:close') {
			setOpen(false);
		}
		else if (m.type === 'softnode:unread') {
			unread = isOpen ? 0 : Math.max(0, m.count | 0);
			refresh();
		}
	});

	refresh();
	(d.body || d.documentElement).appendChild(host);

	fetch(base.href + 'api/v1/widget/' + encodeURIComponent(bot) + '/config', { credentials: 'omit' })
		.then(function (r) {
			if (r.status === 403 || r.status === 404) host.remove(); // unknown bot or not allowed on this site
			return r.ok ? r.json() : null;
		})
		.then(function (c) {
			if (!c) return;
			if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c.accentColor || '')) {
				wrap.style.setProperty('--a', c.accentColor);
				wrap.style.setProperty('--i', ink(c.accentColor));
			}
			wrap.classList.toggle('L', c.position === 'bottom-left');
			if (typeof c.launcherLabel === 'string' && c.launcherLabel.trim()) {
				label = text.textContent = c.launcherLabel.trim().slice(0, 40);
			}
			if (typeof c.name === 'string' && c.name) {
				name = 'Chat with ' + c.name;
				if (frame) frame.title = name;
			}
			refresh();
		})
		.catch(function () { /* keep the defaults: the frame shows its own errors */ });

	for (var i = 0; i < queue.length; i++) api.apply(null, queue[i]);
	if (me.getAttribute('data-open') === 'true') setOpen(true, false);
})(window, document);
