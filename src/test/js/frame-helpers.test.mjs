// Unit tests for the chat frame's pure helpers: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../../main/resources/static/widget/frame.js', import.meta.url), 'utf8');
const sandbox = { URL };
sandbox.globalThis = sandbox;
vm.runInNewContext(source, sandbox);
const { safeUrl, inline, markdown, sseParser } = sandbox.softnodeFrame;
const plain = (value) => JSON.parse(JSON.stringify(value));

/** Every link target anywhere in a parsed tree. */
function hrefs(node, found = []) {
	if (Array.isArray(node)) node.forEach((n) => hrefs(n, found));
	else if (node && typeof node === 'object') {
		if (node.t === 'a') found.push(node.h);
		for (const key of ['c', 'items']) if (node[key]) hrefs(node[key], found);
	}
	return found;
}

test('safeUrl keeps http(s) and, when asked, mailto', () => {
	assert.equal(safeUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
	assert.equal(safeUrl(' http://example.com'), 'http://example.com/');
	assert.equal(safeUrl('mailto:a@example.com'), null);
	assert.equal(safeUrl('mailto:a@example.com', true), 'mailto:a@example.com');
});

test('safeUrl refuses script, data, relative and disguised urls', () => {
	for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\nscript:alert(1)', ' javascript:alert(1)',
		'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '//evil.example/x', 'file:///etc/passwd', '', null]) {
		assert.equal(safeUrl(url, true), null, String(url));
	}
});

test('inline parses bold, italics, code and links', () => {
	assert.deepEqual(plain(inline('a **b** *c* `d` [e](https://x.example/)')), [
		{ t: 't', v: 'a ' }, { t: 'b', c: [{ t: 't', v: 'b' }] }, { t: 't', v: ' ' }, { t: 'i', c: [{ t: 't', v: 'c' }] },
		{ t: 't', v: ' ' }, { t: 'code', v: 'd' }, { t: 't', v: ' ' }, { t: 'a', h: 'https://x.example/', c: [{ t: 't', v: 'e' }] }]);
});

test('inline leaves snake_case and lone markers alone', () => {
	assert.deepEqual(plain(inline('snake_case_name and 2 * 3 * 4')), [{ t: 't', v: 'snake_case_name and 2 * 3 * 4' }]);
});

test('inline turns unsafe link targets and images into plain text', () => {
	assert.deepEqual(plain(inline('[click](javascript:alert(1))')).filter((n) => n.t === 'a'), []);
	assert.deepEqual(plain(inline('![pixel](https://tracker.example/p.gif)')), [{ t: 't', v: 'pixel' }]);
	assert.deepEqual(hrefs(plain(inline('<javascript:alert(1)> [x](data:text/html,hi)'))), []);
});

test('inline links bare urls without trailing punctuation, and mailto autolinks', () => {
	assert.deepEqual(hrefs(plain(inline('See https://docs.example/a_b. Or <mailto:x@y.example>.'))),
		['https://docs.example/a_b', 'mailto:x@y.example']);
});

test('inline keeps markup in code spans literal', () => {
	assert.deepEqual(plain(inline('`<img src=x onerror=alert(1)> **no**`')), [{ t: 'code', v: '<img src=x onerror=alert(1)> **no**' }]);
});

test('markdown builds paragraphs, headings, lists and code blocks', () => {
	const blocks = plain(markdown('# Title\n\nOne\ntwo\n\n- a\n- b\n\n3. x\n4. y\n\n```js\nlet a = 1 < 2;\n```'));
	assert.deepEqual(blocks.map((b) => b.t), ['h', 'p', 'ul', 'ol', 'pre']);
	assert.deepEqual(blocks[1].c, [{ t: 't', v: 'One' }, { t: 'br' }, { t: 't', v: 'two' }]);
	assert.equal(blocks[2].items.length, 2);
	assert.equal(blocks[3].start, 3);
	assert.equal(blocks[4].v, 'let a = 1 < 2;');
});

test('markdown keeps hostile html as text', () => {
	const text = '<script>alert(1)</script>\n<img src=x onerror=alert(1)>';
	assert.deepEqual(plain(markdown(text)), [{ t: 'p', c: [{ t: 't', v: '<script>alert(1)</script>' }, { t: 'br' }, { t: 't', v: '<img src=x onerror=alert(1)>' }] }]);
});

test('markdown handles 100 KB of adversarial text quickly', () => {
	const text = ('*a **b _c `d [e](f ' + '**'.repeat(50) + ' https://x.example/' + '\n').repeat(600).slice(0, 100000);
	const started = performance.now();
	markdown(text);
	markdown('*'.repeat(100000));
	markdown('[' .repeat(50000) + '](https://x.example)');
	assert.ok(performance.now() - started < 2000, 'took ' + (performance.now() - started) + ' ms');
});

test('sse parser handles events split across chunks and CRLF', () => {
	const events = [];
	const feed = sseParser((name, data) => events.push([name, data]));
	const stream = 'event: user\ndata: {"id":"m1"}\n\n: keep-alive\n\nevent: delta\r\ndata: {"text":"Hel"}\r\n\r\nevent: delta\ndata: {"text":"lo"}\n\nevent: done\ndata: {"id":"m2",\ndata: "sources":[]}\n\n';
	for (let i = 0; i < stream.length; i += 3) feed(stream.slice(i, i + 3));
	feed('', true);
	assert.deepEqual(events, [['user', '{"id":"m1"}'], ['delta', '{"text":"Hel"}'], ['delta', '{"text":"lo"}'], ['done', '{"id":"m2",\n"sources":[]}']]);
});

test('sse parser delivers a last event without a trailing blank line at the end', () => {
	const events = [];
	const feed = sseParser((name, data) => events.push([name, data]));
	feed('event: done\ndata: {}\r');
	assert.deepEqual(events, []);
	feed('', true);
	assert.deepEqual(events, [['done', '{}']]);
});

test('markdown keeps nested items inside their parent and splits lists of another kind', () => {
	const blocks = plain(markdown('- a\n  - sub\n- b\n1. one\n\n2. two\nafter'));
	assert.deepEqual(blocks.map((b) => b.t), ['ul', 'ol', 'p']);
	assert.deepEqual(blocks[0].items[0], [{ t: 't', v: 'a' }, { t: 'br' }, { t: 't', v: '- sub' }]);
	assert.equal(blocks[1].items.length, 2);
});

test('markdown hides half a closing fence while an answer streams in', () => {
	assert.deepEqual(plain(markdown('```\nlet a;\n``')), [{ t: 'pre', v: 'let a;' }]);
	assert.deepEqual(plain(markdown('```\nlet a;\n```\ntext')).map((b) => b.t), ['pre', 'p']);
});
